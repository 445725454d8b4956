"""The organisation tree and the roles people hold in it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    NATIONAL = "national", _("Admin Nasional")
    PEMDA = "pemda", _("Pemerintah Daerah")
    AGENCY = "agency", _("Perangkat Daerah (OPD)")
    DIVISION = "division", _("Bidang")
    SECTION = "section", _("Seksi")
    OMBUDSMAN = "ombudsman", _("Ombudsman RI")
    EXTERNAL = "external", _("Lembaga eksternal")


class TimeZoneName(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
    WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
    WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")


class Organisation(models.Model):
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("nama singkat"), max_length=60, blank=True)
    code = models.SlugField(_("kode"), max_length=80, unique=True)
    kind = models.CharField(_("jenis"), max_length=16, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    timezone = models.CharField(
        _("zona waktu"), max_length=32, choices=TimeZoneName.choices, default=TimeZoneName.WIB
    )
    service_standard = models.ForeignKey(
        "standards.ServiceStandard",
        verbose_name=_("standar pelayanan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("Kosongkan untuk memakai standar organisasi induk atau standar nasional."),
    )
    letterhead = models.TextField(_("kop surat"), blank=True)
    # The rest of the kop surat printed on exported documents (tuntas.exports).
    letterhead_logo = models.ImageField(
        _("logo kop surat"),
        upload_to="letterheads/",
        blank=True,
        help_text=_("Lambang daerah untuk kop surat dokumen ekspor (PNG atau JPEG)."),
    )
    letterhead_address = models.CharField(_("alamat kop surat"), max_length=300, blank=True)
    letterhead_phone = models.CharField(_("telepon kop surat"), max_length=60, blank=True)
    letterhead_email = models.EmailField(_("surel kop surat"), blank=True)
    letterhead_website = models.CharField(_("laman kop surat"), max_length=120, blank=True)
    whatsapp_group = models.CharField(_("grup WhatsApp penghubung"), max_length=120, blank=True)
    liaison_officer_drafts = models.BooleanField(
        _("pejabat penghubung menyusun rumusan tindak lanjut"),
        default=False,
        help_text=_(
            "Untuk OPD tanpa staf penyusun tersendiri (SOP Bangkalan langkah 5): pejabat "
            "penghubung boleh menyusun rumusan tindak lanjut. Rumusan tetap disetujui orang "
            "lain (kepala OPD atau pejabat penghubung lain), tidak oleh penyusunnya."
        ),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("organisasi")
        verbose_name_plural = _("organisasi")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "parent"])]

    def __str__(self) -> str:
        return self.short_name or self.name

    def ancestors(self) -> list[Organisation]:
        """This organisation and its parents, nearest first."""
        chain: list[Organisation] = []
        node: Organisation | None = self
        seen: set[int] = set()
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain

    def get_pemda(self) -> Organisation | None:
        """The regional government this organisation belongs to (itself for a Pemda)."""
        for node in self.ancestors():
            if node.kind == OrganisationKind.PEMDA:
                return node
        return None

    def get_agency(self) -> Organisation | None:
        """The agency (OPD) this organisation belongs to (itself for an agency)."""
        for node in self.ancestors():
            if node.kind == OrganisationKind.AGENCY:
                return node
        return None


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("Admin Nasional")
    COORDINATOR = "coordinator", _("Admin Koordinator")
    LIAISON_OFFICER = "liaison_officer", _("Pejabat Penghubung")
    LIAISON_ADMIN = "liaison_admin", _("Admin Penghubung")
    AGENCY_HEAD = "agency_head", _("Kepala Dinas")
    DIVISION_STAFF = "division_staff", _("Staf Bidang/Seksi")
    SECTION_HEAD = "section_head", _("Kepala Seksi (Kasi)")
    DIVISION_HEAD = "division_head", _("Kepala Bidang (Kabid)")
    REGIONAL_SECRETARY = "regional_secretary", _("Sekretaris Daerah")
    VIEWER = "viewer", _("Pemantau (Tim Koordinasi, APIP, Ombudsman)")


class Membership(models.Model):
    """A role a person holds, scoped to one organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("peran"), max_length=24, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} @ {self.organisation}"
