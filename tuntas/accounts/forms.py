"""Forms for signing in and self-registration (citizens)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from tuntas.accounts.models import User
from tuntas.core.phones import PHONE_RE


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."
        ),
        "inactive": _("Akun ini tidak aktif."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Nama pengguna")
        self.fields["password"].label = _("Kata sandi")


class RegisterForm(forms.Form):
    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Huruf, angka dan @ . + - _ saja, tanpa spasi. Dipakai untuk masuk."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    full_name = forms.CharField(
        label=_("Nama lengkap"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Isi e-mail atau nomor telepon (atau keduanya) agar kami dapat mengabari."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Nomor telepon"),
        max_length=32,
        required=False,
        help_text=_("Contoh: 0812 3456 7890."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    password1 = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        help_text=_("Minimal 8 karakter, tidak hanya angka, dan tidak mudah ditebak."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self) -> str:
        # Whether the name is free is told only by ``register_citizen``, after everything
        # else is right (and the registration throttle counted the attempt).
        username: str = self.cleaned_data["username"].strip()
        return username

    def clean_email(self) -> str:
        # Never says whether an address is registered (see ``register_citizen``).
        email: str = self.cleaned_data["email"].strip()
        return email

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(_("Nomor telepon tidak valid."))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        no_contact = not data.get("email") and not data.get("phone")
        if no_contact and "email" not in self.errors and "phone" not in self.errors:
            self.add_error("email", _("Isi e-mail atau nomor telepon."))
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif first:
            candidate = User(
                username=data.get("username", ""),
                email=data.get("email", ""),
                full_name=data.get("full_name", ""),
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class CodeForm(forms.Form):
    """A code from the authenticator app (6 digits) or one recovery code."""

    code = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=32,
        help_text=_("6 angka dari aplikasi autentikator, atau satu kode pemulihan."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode dari aplikasi"),
        max_length=12,
        help_text=_("Masukkan 6 angka yang sekarang tampil di aplikasi autentikator."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class GuardedPasswordChangeForm(PasswordChangeForm):
    """Django's password change, with the old password checked behind the sign-in guard."""

    def __init__(self, user: Any, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.request = request
        self.fields["old_password"].label = _("Kata sandi sekarang")
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password1"].help_text = _(
            "Minimal 8 karakter, tidak hanya angka, dan tidak mudah ditebak."
        )
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")

    def clean_old_password(self) -> str:
        from tuntas.accounts.guard import check_password

        old: str = self.cleaned_data["old_password"]
        if self.request is None or not check_password(self.request, self.user, old):
            raise forms.ValidationError(_("Kata sandi sekarang salah."), code="password_incorrect")
        return old


class ResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail akun Anda"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


if TYPE_CHECKING:
    _SetPasswordForm = SetPasswordForm[User]
else:  # not subscriptable at run time
    _SetPasswordForm = SetPasswordForm


class ResetPasswordForm(_SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password1"].help_text = _(
            "Minimal 8 karakter, tidak hanya angka, dan tidak mudah ditebak."
        )
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")
