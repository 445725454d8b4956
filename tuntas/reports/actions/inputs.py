"""Typed input of the report actions, and the vocabulary its fields are described in.

Each action's input is a frozen dataclass whose fields say what they are
(``missing: str = field(metadata=described(Text(...)))``): a label for the staff form, a
help text for the API schema, the message when a required field is left empty, the
organisations a form may offer. The staff form (``tuntas.staff.forms.actions``) and the
API's request body (``tuntas.api.serializers.staff_actions``) are made from it; ``clean``
checks what can be checked before the report is locked; ``input_from`` builds the input
from what a form or a serializer validated (uploaded files are checked on the way).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from tuntas.core.errors import ValidationFailed
from tuntas.organisations.models import Organisation
from tuntas.reports.models import Report
from tuntas.reports.uploads import CheckedFile, check_uploads

Problems = dict[str, list[str]]

# Said under a note field, so that staff know who will read what they write there.
READ_BY_REPORTER = gettext_lazy(
    "Pelapor membaca catatan ini di halaman laporannya dan dalam pemberitahuan; "
    "publik tidak melihatnya."
)
BETWEEN_STAFF = gettext_lazy("Catatan antarpetugas: pelapor dan publik tidak membacanya.")


@dataclasses.dataclass(frozen=True)
class Field:
    label: StrOrPromise
    doc: str = ""  # the API's help text (English)
    help: StrOrPromise = ""  # the form's help text
    message: StrOrPromise = ""  # said when a required field is left empty


@dataclasses.dataclass(frozen=True)
class Text(Field):
    rows: int = 3
    max_length: int | None = None
    min_length: int | None = None
    min_message: StrOrPromise = ""
    multiline: bool = True


def Line(label: StrOrPromise, **kwargs: Any) -> Text:  # reads like a field type
    """One line of text (a name, a number)."""
    return Text(label, multiline=False, **kwargs)


@dataclasses.dataclass(frozen=True)
class Flag(Field):
    """Yes or no; ``None`` in the API keeps what the report has."""

    initial: Callable[[Report], bool] | None = None
    # When this says so for a report, the form shows the value and does not take a
    # change (the reporter's privacy choice, which staff may not lower).
    fixed: Callable[[Report], bool] | None = None
    fixed_help: StrOrPromise = ""


@dataclasses.dataclass(frozen=True)
class Number(Field):
    """A whole number within bounds (a rating)."""

    minimum: int | None = None
    maximum: int | None = None


@dataclasses.dataclass(frozen=True)
class Day(Field):
    """A calendar date (no time)."""


@dataclasses.dataclass(frozen=True)
class Files(Field):
    """Uploaded files, checked by ``tuntas.reports.uploads`` before the action runs."""


@dataclasses.dataclass(frozen=True)
class Choice(Field):
    choices: Callable[[], Sequence[tuple[str, StrOrPromise]]] = tuple
    placeholder: StrOrPromise = ""


@dataclasses.dataclass(frozen=True)
class Organisations(Field):
    """One organisation (or several with ``many``) of a kind, given by code in the API."""

    kind: str = ""
    many: bool = False
    # What the staff form offers for this report (the API accepts any of the kind and
    # the action checks it); None offers every active organisation of the kind.
    options: Callable[[Report], QuerySet[Organisation]] | None = None
    initial: Callable[[Report], object] | None = None
    # The form may insist where the API has a default (the lead agency, say).
    form_required: bool | None = None
    checkboxes: bool = False


@dataclasses.dataclass(frozen=True)
class Reference(Field):
    """A row of reference data (classification, category)."""

    model: type[Model] = Model
    queryset: Callable[[], QuerySet[Any]] | None = None
    api_key: str = "pk"  # the field the API names it by ("code", or the primary key)
    initial: Callable[[Report], object] | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class ActionInput:
    """The input of an action; subclasses add annotated fields."""

    def problems(self, *, now: datetime) -> Problems:
        """Checks across fields, made before the report is locked."""
        return {}


@dataclasses.dataclass(frozen=True, kw_only=True)
class NoInput(ActionInput):
    """An action that needs nothing but a confirmation."""


@dataclasses.dataclass(frozen=True)
class InputField:
    name: str
    spec: Field
    required: bool
    default: object


I = TypeVar("I", bound=ActionInput)  # noqa: E741  # the conventional name

_SPEC = "tuntas.input"


def described(spec: Field) -> dict[str, Field]:
    """The metadata of an input field: ``field(metadata=described(Text(...)))``."""
    return {_SPEC: spec}


_FIELDS: dict[type[ActionInput], tuple[InputField, ...]] = {}


def fields_of(cls: type[ActionInput]) -> tuple[InputField, ...]:
    """The described fields of an input class, in declaration order."""
    cached = _FIELDS.get(cls)
    if cached is not None:
        return cached
    found: list[InputField] = []
    for f in dataclasses.fields(cls):
        spec = f.metadata.get(_SPEC)
        if not isinstance(spec, Field):
            raise TypeError(f"{cls.__name__}.{f.name} needs a description (described(...))")
        has_default = f.default is not dataclasses.MISSING
        default: object = f.default if has_default else None
        found.append(InputField(f.name, spec, required=not has_default, default=default))
    _FIELDS[cls] = tuple(found)
    return _FIELDS[cls]


def clean(data: I, *, now: datetime) -> I:
    """Strip the texts and refuse what is missing or malformed, before any lock."""
    errors: Problems = {}
    changes: dict[str, object] = {}
    for f in fields_of(type(data)):
        if not isinstance(f.spec, Text):
            continue
        value = str(getattr(data, f.name) or "").strip()
        changes[f.name] = value
        if f.required and not value:
            errors[f.name] = [str(f.spec.message or _("Wajib diisi."))]
        elif f.spec.min_length and value and len(value) < f.spec.min_length:
            errors[f.name] = [
                str(f.spec.min_message or _("Minimal %(n)s karakter.") % {"n": f.spec.min_length})
            ]
    cleaned = dataclasses.replace(data, **changes)
    for name, messages in cleaned.problems(now=now).items():
        errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationFailed(errors)
    return cleaned


def input_from(cls: type[I], values: Mapping[str, Any]) -> I:
    """The input from validated form or serializer data; files are checked here."""
    kwargs: dict[str, Any] = {}
    for f in fields_of(cls):
        if f.name not in values:
            continue
        value = values[f.name]
        if isinstance(f.spec, Files):
            value = tuple(check_uploads(list(value or []), f.name))
        elif isinstance(f.spec, Organisations) and f.spec.many:
            value = tuple(value or ())
        elif isinstance(f.spec, Text) and value is None:
            value = ""
        elif isinstance(f.spec, Flag) and value is None:
            value = f.default  # null in the API: the field's default (None keeps as it is)
        kwargs[f.name] = value
    return cls(**kwargs)


__all__ = [
    "ActionInput",
    "CheckedFile",
    "Choice",
    "Day",
    "Field",
    "Files",
    "Flag",
    "InputField",
    "Line",
    "NoInput",
    "Number",
    "Organisations",
    "Problems",
    "Reference",
    "Text",
    "clean",
    "described",
    "fields_of",
    "input_from",
]
