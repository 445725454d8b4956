"""Demo organisations, people and reports for Majalengka, Kapuas, Bangkalan and the
seed-001 agency. Used by ``load_demo`` and by the test suite's personas."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from tuntas.accounts.models import User
from tuntas.organisations.models import Membership, Organisation, OrganisationKind, Role
from tuntas.reference.defaults import install_reference_data
from tuntas.reference.models import Category, CategoryRoute, Region, RegionLevel
from tuntas.standards.presets import install_presets

DEMO_PASSWORD = "tuntas-demo"  # noqa: S105 - published demo credential
K = OrganisationKind


@dataclass
class Demo:
    orgs: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)


# code, name, kind, parent code, standard preset, timezone
ORGANISATIONS: list[tuple[str, str, str, str | None, str | None]] = [
    ("national", "Admin Nasional SP4N-LAPOR! (KemenPANRB)", K.NATIONAL, None, None),
    ("ombudsman", "Ombudsman Republik Indonesia", K.OMBUDSMAN, None, None),
    # Kabupaten Kapuas (seed 003)
    ("kapuas", "Pemerintah Kabupaten Kapuas", K.PEMDA, None, "seed-003-kapuas"),
    ("kapuas-diskominfo", "Dinas Komunikasi dan Informatika Kab. Kapuas", K.AGENCY, "kapuas", None),
    (
        "kapuas-diskominfo-ikp",
        "Bidang Informasi dan Komunikasi Publik",
        K.DIVISION,
        "kapuas-diskominfo",
        None,
    ),
    (
        "kapuas-diskominfo-aduan",
        "Seksi Pengelolaan Aduan",
        K.SECTION,
        "kapuas-diskominfo-ikp",
        None,
    ),
    (
        "kapuas-pupr",
        "Dinas Pekerjaan Umum dan Penataan Ruang Kab. Kapuas",
        K.AGENCY,
        "kapuas",
        None,
    ),
    ("kapuas-pupr-binamarga", "Bidang Bina Marga", K.DIVISION, "kapuas-pupr", None),
    ("kapuas-pupr-ciptakarya", "Bidang Cipta Karya", K.DIVISION, "kapuas-pupr", None),
    ("kapuas-disdik", "Dinas Pendidikan Kab. Kapuas", K.AGENCY, "kapuas", None),
    ("kapuas-disdik-dasar", "Bidang Pendidikan Dasar", K.DIVISION, "kapuas-disdik", None),
    ("kapuas-inspektorat", "Inspektorat Kab. Kapuas (APIP)", K.AGENCY, "kapuas", None),
    # Kabupaten Majalengka (seed 002) with the seed-001 agency
    ("majalengka", "Pemerintah Kabupaten Majalengka", K.PEMDA, None, "seed-002-majalengka"),
    ("majalengka-pupr", "Dinas PUTR Kab. Majalengka", K.AGENCY, "majalengka", None),
    ("majalengka-pupr-jalan", "Bidang Jalan dan Jembatan", K.DIVISION, "majalengka-pupr", None),
    ("majalengka-dinkes", "Dinas Kesehatan Kab. Majalengka", K.AGENCY, "majalengka", None),
    (
        "majalengka-dinkes-yankes",
        "Bidang Pelayanan Kesehatan",
        K.DIVISION,
        "majalengka-dinkes",
        None,
    ),
    (
        "majalengka-disporbudpar",
        "Dinas Pemuda, Olahraga, Kebudayaan dan Pariwisata",
        K.AGENCY,
        "majalengka",
        "seed-001-disporbudpar",
    ),
    (
        "majalengka-disporbudpar-pariwisata",
        "Bidang Pariwisata",
        K.DIVISION,
        "majalengka-disporbudpar",
        None,
    ),
    (
        "majalengka-disporbudpar-budaya",
        "Bidang Kebudayaan",
        K.DIVISION,
        "majalengka-disporbudpar",
        None,
    ),
    # Kabupaten Bangkalan (seed 004)
    ("bangkalan", "Pemerintah Kabupaten Bangkalan", K.PEMDA, None, "seed-004-bangkalan"),
    ("bangkalan-dishub", "Dinas Perhubungan Kab. Bangkalan", K.AGENCY, "bangkalan", None),
    ("bangkalan-dishub-lalin", "Bidang Lalu Lintas", K.DIVISION, "bangkalan-dishub", None),
    ("bangkalan-dlh", "Dinas Lingkungan Hidup Kab. Bangkalan", K.AGENCY, "bangkalan", None),
    ("bangkalan-dlh-sampah", "Bidang Pengelolaan Sampah", K.DIVISION, "bangkalan-dlh", None),
]
SHORT_NAMES = {
    "kapuas": "Kab. Kapuas",
    "majalengka": "Kab. Majalengka",
    "bangkalan": "Kab. Bangkalan",
    "kapuas-pupr": "Dinas PUPR Kapuas",
    "kapuas-disdik": "Disdik Kapuas",
    "kapuas-diskominfo": "Diskominfo Kapuas",
    "majalengka-disporbudpar": "Disporbudpar Majalengka",
    "majalengka-pupr": "Dinas PUTR Majalengka",
    "majalengka-dinkes": "Dinkes Majalengka",
    "bangkalan-dishub": "Dishub Bangkalan",
    "bangkalan-dlh": "DLH Bangkalan",
}
LETTERHEADS = {
    "kapuas": "PEMERINTAH DAERAH KABUPATEN KAPUAS\nDINAS KOMUNIKASI DAN INFORMATIKA",
    "majalengka": "PEMERINTAH KABUPATEN MAJALENGKA\nDINAS KOMUNIKASI DAN INFORMATIKA",
    "bangkalan": "PEMERINTAH KABUPATEN BANGKALAN\nDINAS KOMUNIKASI DAN INFORMATIKA",
}

# username, full name, role, organisation code
PEOPLE: list[tuple[str, str, str | None, str | None]] = [
    ("warga", "Siti Rahmawati", None, None),
    ("warga2", "Budi Santoso", None, None),
    ("nasional", "Rina Admin Nasional", Role.NATIONAL_ADMIN, "national"),
    ("ombudsman", "Petugas Ombudsman RI", Role.VIEWER, "ombudsman"),
    ("kapuas.koordinator", "Dewi Admin Utama Kapuas", Role.COORDINATOR, "kapuas"),
    ("kapuas.pupr.penghubung", "Agus Pejabat Penghubung PUPR", Role.LIAISON_OFFICER, "kapuas-pupr"),
    ("kapuas.pupr.admin", "Yanti Admin Penghubung PUPR", Role.LIAISON_ADMIN, "kapuas-pupr"),
    ("kapuas.pupr.kadis", "Ir. Hendra Kepala Dinas PUPR", Role.AGENCY_HEAD, "kapuas-pupr"),
    (
        "kapuas.pupr.staf",
        "Rudi Staf Bidang Bina Marga",
        Role.DIVISION_STAFF,
        "kapuas-pupr-binamarga",
    ),
    (
        "kapuas.disdik.penghubung",
        "Maya Pejabat Penghubung Disdik",
        Role.LIAISON_OFFICER,
        "kapuas-disdik",
    ),
    ("kapuas.disdik.admin", "Tono Admin Penghubung Disdik", Role.LIAISON_ADMIN, "kapuas-disdik"),
    ("kapuas.kasi", "Lina Kasi Pengelolaan Aduan", Role.SECTION_HEAD, "kapuas-diskominfo-aduan"),
    ("kapuas.kabid", "Fajar Kabid IKP", Role.DIVISION_HEAD, "kapuas-diskominfo-ikp"),
    (
        "kapuas.kadiskominfo",
        "Drs. Rahmat Kepala Dinas Kominfo Kapuas",
        Role.AGENCY_HEAD,
        "kapuas-diskominfo",
    ),
    ("kapuas.apip", "Inspektur Pembantu (APIP)", Role.VIEWER, "kapuas-inspektorat"),
    ("majalengka.koordinator", "Asep Admin Kabupaten Majalengka", Role.COORDINATOR, "majalengka"),
    (
        "majalengka.disporbudpar.penghubung",
        "Sekretaris Disporbudpar",
        Role.LIAISON_OFFICER,
        "majalengka-disporbudpar",
    ),
    (
        "majalengka.disporbudpar.admin",
        "Administrator Disporbudpar",
        Role.LIAISON_ADMIN,
        "majalengka-disporbudpar",
    ),
    (
        "majalengka.disporbudpar.kadis",
        "Drs. H. Norman, M.AP",
        Role.AGENCY_HEAD,
        "majalengka-disporbudpar",
    ),
    (
        "majalengka.disporbudpar.staf",
        "Staf Bidang Pariwisata",
        Role.DIVISION_STAFF,
        "majalengka-disporbudpar-pariwisata",
    ),
    (
        "majalengka.pupr.penghubung",
        "Pejabat Penghubung PUTR",
        Role.LIAISON_OFFICER,
        "majalengka-pupr",
    ),
    ("bangkalan.koordinator", "Admin Koordinator Bangkalan", Role.COORDINATOR, "bangkalan"),
    (
        "bangkalan.dishub.penghubung",
        "Pejabat Penghubung Dishub",
        Role.LIAISON_OFFICER,
        "bangkalan-dishub",
    ),
    ("bangkalan.dishub.admin", "Admin Penghubung Dishub", Role.LIAISON_ADMIN, "bangkalan-dishub"),
    ("bangkalan.dishub.kadis", "Kepala Dinas Perhubungan", Role.AGENCY_HEAD, "bangkalan-dishub"),
    (
        "bangkalan.dishub.staf",
        "Staf Bidang Lalu Lintas",
        Role.DIVISION_STAFF,
        "bangkalan-dishub-lalin",
    ),
]
# A second role held by the same person (a person may hold several roles).
EXTRA_ROLES = [("kapuas.koordinator", Role.VIEWER, "kapuas")]

# topic, subtopic, {pemda: agency}
CATEGORIES: list[tuple[str, str, dict[str, str]]] = [
    ("Infrastruktur", "Jalan rusak", {"kapuas": "kapuas-pupr", "majalengka": "majalengka-pupr"}),
    (
        "Infrastruktur",
        "Drainase dan banjir",
        {"kapuas": "kapuas-pupr", "majalengka": "majalengka-pupr"},
    ),
    ("Pendidikan", "Sekolah dan guru", {"kapuas": "kapuas-disdik"}),
    ("Kesehatan", "Puskesmas dan rumah sakit", {"majalengka": "majalengka-dinkes"}),
    ("Pariwisata dan Kebudayaan", "Objek wisata", {"majalengka": "majalengka-disporbudpar"}),
    ("Pariwisata dan Kebudayaan", "Sarana olahraga", {"majalengka": "majalengka-disporbudpar"}),
    ("Perhubungan", "Lampu lalu lintas dan rambu", {"bangkalan": "bangkalan-dishub"}),
    ("Lingkungan Hidup", "Sampah", {"bangkalan": "bangkalan-dlh"}),
    (
        "Komunikasi dan Informatika",
        "Layanan internet dan informasi publik",
        {"kapuas": "kapuas-diskominfo"},
    ),
]

# code, name, level, parent code, pemda
REGIONS: list[tuple[str, str, str, str | None, str | None]] = [
    ("62", "Kalimantan Tengah", RegionLevel.PROVINCE, None, None),
    ("62.03", "Kabupaten Kapuas", RegionLevel.REGENCY, "62", "kapuas"),
    ("62.03.01", "Selat", RegionLevel.DISTRICT, "62.03", "kapuas"),
    ("62.03.02", "Kapuas Hilir", RegionLevel.DISTRICT, "62.03", "kapuas"),
    ("62.03.03", "Kapuas Murung", RegionLevel.DISTRICT, "62.03", "kapuas"),
    ("62.03.01.1001", "Selat Hilir", RegionLevel.VILLAGE, "62.03.01", "kapuas"),
    ("32", "Jawa Barat", RegionLevel.PROVINCE, None, None),
    ("32.10", "Kabupaten Majalengka", RegionLevel.REGENCY, "32", "majalengka"),
    ("32.10.01", "Majalengka", RegionLevel.DISTRICT, "32.10", "majalengka"),
    ("32.10.02", "Kadipaten", RegionLevel.DISTRICT, "32.10", "majalengka"),
    ("32.10.03", "Jatiwangi", RegionLevel.DISTRICT, "32.10", "majalengka"),
    ("35", "Jawa Timur", RegionLevel.PROVINCE, None, None),
    ("35.26", "Kabupaten Bangkalan", RegionLevel.REGENCY, "35", "bangkalan"),
    ("35.26.01", "Bangkalan", RegionLevel.DISTRICT, "35.26", "bangkalan"),
    ("35.26.02", "Socah", RegionLevel.DISTRICT, "35.26", "bangkalan"),
    ("35.26.03", "Kamal", RegionLevel.DISTRICT, "35.26", "bangkalan"),
]


@transaction.atomic
def build_demo(password: str = DEMO_PASSWORD) -> Demo:
    """Create (or update) the demo world. Idempotent."""
    install_reference_data()
    standards = install_presets()
    demo = Demo()
    for code, name, kind, parent, preset in ORGANISATIONS:
        org, _ = Organisation.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": SHORT_NAMES.get(code, ""),
                "kind": kind,
                "parent": demo.orgs[parent] if parent else None,
                "service_standard": standards[preset] if preset else None,
                "letterhead": LETTERHEADS.get(code, ""),
                "whatsapp_group": "Grup Penghubung SP4N-LAPOR! Bangkalan"
                if code == "bangkalan"
                else "",
            },
        )
        demo.orgs[code] = org
    hashed = make_password(password)
    for username, full_name, role, org_code in PEOPLE:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "email": f"{username}@demo.tuntas.invalid",
                "password": hashed,
                "is_staff": role == Role.NATIONAL_ADMIN,
                "is_superuser": role == Role.NATIONAL_ADMIN,
            },
        )
        demo.users[username] = user
        if role and org_code:
            Membership.objects.get_or_create(user=user, organisation=demo.orgs[org_code], role=role)
    for username, role, org_code in EXTRA_ROLES:
        Membership.objects.get_or_create(
            user=demo.users[username], organisation=demo.orgs[org_code], role=role
        )
    for topic, subtopic, routes in CATEGORIES:
        topic_row, _ = Category.objects.get_or_create(name=topic, parent=None)
        child, _ = Category.objects.get_or_create(name=subtopic, parent=topic_row)
        for pemda, agency in routes.items():
            CategoryRoute.objects.update_or_create(
                category=child, pemda=demo.orgs[pemda], defaults={"agency": demo.orgs[agency]}
            )
    regions: dict[str, Region] = {}
    for code, name, level, parent_code, region_pemda in REGIONS:
        region, _ = Region.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "level": level,
                "parent": regions[parent_code] if parent_code else None,
                "pemda": demo.orgs[region_pemda] if region_pemda else None,
            },
        )
        regions[code] = region
    return demo
