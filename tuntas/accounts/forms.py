"""Forms for signing in and self-registration (citizens)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
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
        username: str = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Nama pengguna ini sudah dipakai."))
        return username

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        if email and User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("E-mail ini sudah terdaftar. Silakan masuk."))
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
