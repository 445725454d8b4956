"""Reference data edited in the Django admin: classifications, categories,
channels and regions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Classification(models.Model):
    """Aspiration, information request, complaint (with or without examination)."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    description = models.TextField(_("keterangan"), blank=True)
    requires_examination = models.BooleanField(_("berkadar pengawasan"), default=False)
    default_followup_days = models.PositiveIntegerField(
        _("batas tindak lanjut bawaan (hari kerja)"), default=14
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("klasifikasi")
        verbose_name_plural = _("klasifikasi")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """A topic tree (topic → subtopic)."""

    name = models.CharField(_("nama"), max_length=160)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")
        ordering = ["parent__name", "name"]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent else self.name


class CategoryRoute(models.Model):
    """The default agency for a category within one regional government."""

    category = models.ForeignKey(
        Category, verbose_name=_("kategori"), on_delete=models.CASCADE, related_name="routes"
    )
    pemda = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("pemerintah daerah"),
        on_delete=models.CASCADE,
        related_name="category_routes",
        limit_choices_to={"kind": "pemda"},
    )
    agency = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("OPD bawaan"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": "agency"},
    )

    class Meta:
        verbose_name = _("pemetaan kategori ke OPD")
        verbose_name_plural = _("pemetaan kategori ke OPD")
        constraints = [
            models.UniqueConstraint(fields=["category", "pemda"], name="category_route_unique")
        ]

    def __str__(self) -> str:
        return f"{self.category} → {self.agency}"


class Channel(models.Model):
    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    is_outside_system = models.BooleanField(
        _("kanal di luar sistem"),
        default=True,
        help_text=_("Laporan dari kanal ini diinput oleh admin."),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kanal")
        verbose_name_plural = _("kanal")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten/Kota")
    DISTRICT = "district", _("Kecamatan")
    VILLAGE = "village", _("Desa/Kelurahan")


class Region(models.Model):
    code = models.CharField(_("kode wilayah"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.CharField(_("tingkat"), max_length=12, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    pemda = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("pemerintah daerah"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="regions",
        limit_choices_to={"kind": "pemda"},
    )

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name
