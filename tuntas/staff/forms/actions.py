"""The staff page's form for each action, made from the action's declared input.

Nothing here is written per action: the fields, labels, help texts, the organisations a
form offers for this report and its initial values all come from the annotated input of
the action (``tuntas.reports.actions.inputs``). ``to_input`` turns what the form
validated into that input (uploaded files are checked on the way).
"""

from __future__ import annotations

from typing import Any

from django import forms

from tuntas.accounts.models import User
from tuntas.core.widgets import IsoDateInput
from tuntas.organisations.models import Organisation
from tuntas.reports.actions.inputs import (
    ActionInput,
    Choice,
    Day,
    Files,
    Flag,
    InputField,
    Number,
    Organisations,
    Reference,
    Text,
    fields_of,
    input_from,
)
from tuntas.reports.declarations import Declaration
from tuntas.reports.models import Report
from tuntas.staff.forms.fields import MultipleFileField, textarea


class ActionForm(forms.Form):
    """A form for one action on one report, by one user."""

    multipart = False
    input_class: type[ActionInput]
    described: tuple[InputField, ...] = ()

    def __init__(self, *args: Any, report: Report, user: User, action: str, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{action}_%s")
        super().__init__(*args, **kwargs)
        self.report = report
        self.user = user
        for described in self.described:
            self._fit(described)

    def _fit(self, described: InputField) -> None:
        """What this report offers and starts with (organisations, current values)."""
        spec = described.spec
        field = self.fields[described.name]
        if isinstance(spec, Organisations) and spec.options is not None:
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = spec.options(self.report)
        initial = getattr(spec, "initial", None)
        if initial is not None:
            self.initial.setdefault(described.name, initial(self.report))
        if isinstance(spec, Flag) and spec.fixed is not None and spec.fixed(self.report):
            field.disabled = True
            if spec.fixed_help:
                field.help_text = spec.fixed_help

    def to_input(self) -> ActionInput:
        """The action's input from the validated form."""
        return input_from(self.input_class, self.cleaned_data)


def _form_field(described: InputField) -> forms.Field:
    spec, required = described.spec, described.required
    common: dict[str, Any] = {"label": spec.label}
    if spec.help:
        common["help_text"] = spec.help
    if isinstance(spec, Text):
        if spec.multiline:
            common["widget"] = textarea(spec.rows)
        return forms.CharField(
            required=required,
            max_length=spec.max_length,
            min_length=spec.min_length,
            **common,
        )
    if isinstance(spec, Flag):
        return forms.BooleanField(required=False, **common)
    if isinstance(spec, Day):
        return forms.DateField(required=required, widget=IsoDateInput(), **common)
    if isinstance(spec, Files):
        return MultipleFileField(**common)
    if isinstance(spec, Number):
        return forms.IntegerField(
            required=required, min_value=spec.minimum, max_value=spec.maximum, **common
        )
    if isinstance(spec, Choice):
        choices = [("", spec.placeholder or "---------"), *spec.choices()]
        return forms.ChoiceField(required=required, choices=choices, **common)
    if isinstance(spec, Organisations):
        form_required = required if spec.form_required is None else spec.form_required
        queryset = Organisation.objects.filter(kind=spec.kind, is_active=True).order_by("name")
        if spec.many:
            widget = forms.CheckboxSelectMultiple if spec.checkboxes else forms.SelectMultiple
            return forms.ModelMultipleChoiceField(
                queryset=queryset, required=form_required, widget=widget, **common
            )
        return forms.ModelChoiceField(queryset=queryset, required=form_required, **common)
    if isinstance(spec, Reference):
        assert spec.queryset is not None
        return forms.ModelChoiceField(queryset=spec.queryset(), required=required, **common)
    raise TypeError(f"no form field for {type(spec).__name__} ({described.name})")


_MADE: dict[str, type[ActionForm]] = {}


def form_class(declaration: Declaration) -> type[ActionForm]:
    """The staff form of a declared action (made once per action)."""
    key = str(declaration.action)
    if key not in _MADE:
        _MADE[key] = _make_form(declaration)
    return _MADE[key]


def _make_form(declaration: Declaration) -> type[ActionForm]:
    described = fields_of(declaration.input)
    attrs: dict[str, Any] = {
        "input_class": declaration.input,
        "described": described,
        "multipart": any(isinstance(d.spec, Files) for d in described),
        **{d.name: _form_field(d) for d in described},
    }
    name = declaration.input.__name__.removesuffix("Input") + "Form"
    return type(name, (ActionForm,), attrs)
