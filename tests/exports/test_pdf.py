"""PDF exports: an official document with letterhead, page numbers and signatures."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from PIL import Image
from weasyprint import HTML

from tests.exports.helpers import pdf_page_count, pdf_text_objects, sample_document
from tuntas.exports.document import Cell, Table
from tuntas.exports.letterhead import letterhead_for
from tuntas.exports.renderers import render
from tuntas.exports.renderers.pdf import LocalOnlyFetcher, is_landscape, pdf_html


def test_it_is_a_pdf_with_the_title():
    data = render(sample_document(), "pdf")
    assert data.startswith(b"%PDF-")
    # Headings become the PDF's bookmarks: the title and every section are there.
    text = pdf_text_objects(data)
    assert b"/Title (Rekap Laporan Triwulan)" in text
    assert b"/Title (Laporan per OPD)" in text
    assert pdf_page_count(data) == 1


def test_html_has_sections_page_numbers_and_signatures():
    html = pdf_html(sample_document())
    assert "<h1>Rekap Laporan Triwulan</h1>" in html
    assert '<th scope="col">Rata-rata hari</th>' in html
    assert "Dinas PUPR" in html
    assert '"Halaman " counter(page) " dari " counter(pages)' in html
    assert "Dibuat 23 November 2026 09:30" in html
    assert "Ir. Hendra" in html
    assert "Kepala Dinas," in html
    assert "size: A4 portrait" in html
    # Numbers are written the Indonesian way.
    assert ">2,5<" in html


def test_wide_tables_turn_the_page_to_landscape():
    wide = Table("Lebar", [f"Kolom {i}" for i in range(10)], [list(range(10))])
    assert is_landscape(sample_document(sections=[wide]))
    assert not is_landscape(sample_document())
    assert not is_landscape(sample_document(sections=[wide], landscape=False))
    assert "size: A4 landscape" in pdf_html(sample_document(sections=[wide]))


def test_text_cannot_break_out_of_the_page_css():
    html = pdf_html(sample_document(title='Judul "aneh" </style><script>x</script>'))
    assert "<script>" not in html
    assert '\\"aneh\\"' in html


def test_header_row_repeats_on_every_page():
    rows: list[list[Cell]] = [[f"Baris {i}", i] for i in range(150)]
    document = sample_document(sections=[Table("Panjang", ["Nama", "Nomor"], rows)])
    html = pdf_html(document)
    assert "<thead>" in html
    assert "display: table-header-group" in html
    pages = HTML(string=html, url_fetcher=LocalOnlyFetcher()).render().pages
    assert len(pages) >= 3


@override_settings(TUNTAS_EXPORT_PDF_MAX_ROWS=50)
def test_long_tables_are_cut_with_a_pointer_to_the_xlsx():
    rows: list[list[Cell]] = [[f"Baris {i}", i] for i in range(120)]
    html = pdf_html(sample_document(sections=[Table("Panjang", ["Nama", "Nomor"], rows)]))
    assert "Baris 49" in html
    assert "Baris 50" not in html
    assert "ditampilkan 50 dari 120 baris" in html
    assert "XLSX" in html


def test_letterhead_appears_with_lines_and_contacts(demo):
    org = demo.orgs["kapuas"]
    org.letterhead_address = "Jl. Tambun Bungai No. 1, Kuala Kapuas"
    org.letterhead_phone = "(0513) 21000"
    org.letterhead_email = "diskominfo@kapuaskab.go.id"
    org.save()
    html = pdf_html(sample_document(org))
    assert "PEMERINTAH DAERAH KABUPATEN KAPUAS" in html
    assert "DINAS KOMUNIKASI DAN INFORMATIKA" in html
    assert "Jl. Tambun Bungai No. 1, Kuala Kapuas" in html
    assert "Telepon (0513) 21000" in html
    assert 'class="kop' in html
    assert b"%PDF" in render(sample_document(org), "pdf")[:8]


def test_an_agency_without_its_own_kop_prints_its_name_under_the_pemdas(demo):
    agency = demo.orgs["kapuas-pupr"]
    letterhead = letterhead_for(demo.orgs["kapuas-pupr-binamarga"])
    assert letterhead is not None
    assert letterhead.lines == ["PEMERINTAH DAERAH KABUPATEN KAPUAS", agency.name.upper()]
    agency.letterhead = "PEMERINTAH KABUPATEN KAPUAS\nDINAS PEKERJAAN UMUM DAN PENATAAN RUANG"
    agency.save()
    letterhead = letterhead_for(demo.orgs["kapuas-pupr"])
    assert letterhead is not None
    assert letterhead.lines[1] == "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG"


def test_without_kop_text_the_lines_come_from_the_organisation_tree(demo):
    pemda = demo.orgs["majalengka"]
    pemda.letterhead = ""
    pemda.save()
    agency = demo.orgs["kapuas-pupr"]
    agency.parent = pemda
    letterhead = letterhead_for(agency)
    assert letterhead is not None
    assert letterhead.lines == [pemda.name.upper(), agency.name.upper()]


def test_national_documents_have_no_letterhead():
    assert letterhead_for(None) is None
    assert 'class="kop' not in pdf_html(sample_document(None))


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def test_logo_is_inlined(demo, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    org = demo.orgs["kapuas"]
    org.letterhead_logo.save("kapuas.png", ContentFile(_png()), save=True)
    html = pdf_html(sample_document(org))
    assert 'src="data:image/png;base64,' in html
    assert render(sample_document(org), "pdf").startswith(b"%PDF")


def test_a_logo_that_is_not_an_image_is_left_out(demo, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    org = demo.orgs["kapuas"]
    org.letterhead_logo.save("kapuas.png", ContentFile(b"<svg onload=alert(1)>"), save=True)
    letterhead = letterhead_for(org)
    assert letterhead is not None
    assert letterhead.logo == ""


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:1/x.png", "https://example.invalid/a.css", "file:///etc/passwd"]
)
def test_the_fetcher_refuses_everything_but_data_urls(url):
    with pytest.raises(ValueError, match="disallowed protocol"):
        LocalOnlyFetcher().fetch(url)
    LocalOnlyFetcher().fetch("data:text/plain;base64,aGFp").close()


def _table_texts(box: object, inside: bool = False) -> list[str]:
    """The text pieces (one per line of a cell) laid out inside tables."""
    from weasyprint.formatting_structure.boxes import TableBox, TextBox

    inside = inside or isinstance(box, TableBox)
    found: list[str] = []
    if inside and isinstance(box, TextBox):
        found.append(box.text)
    for child in getattr(box, "children", []) or []:
        found += _table_texts(child, inside)
    return found


def test_wide_tables_wrap_at_spaces_never_inside_a_word():
    from tuntas.kpi.document import row_headers

    headers = row_headers("OPD utama")
    rows: list[list[Cell]] = [
        ["Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Kapuas", 1234567, *range(16)],
        ["Badan Penanggulangan Bencana Daerah", 12, *[2.5] * 16],
    ]
    footer: list[Cell] = ["Jumlah", 1234579, *range(16)]
    document = sample_document(sections=[Table("Per OPD utama", headers, rows, footer=footer)])
    words = {
        word
        for text in [*headers, *(str(c) for r in [*rows, footer] for c in r)]
        for word in text.split()
    }
    pages = HTML(string=pdf_html(document), url_fetcher=LocalOnlyFetcher()).render().pages
    lines = [t for page in pages for t in _table_texts(page._page_box)]
    # A word broken at a soft hyphen ends its line with a hyphen: join it again.
    text = " ".join(lines).replace("\u00ad", "")
    text = re.sub("[\u2010-] ", "", text)
    pieces = text.split()
    # Every word laid out is a whole word of the source ("Jumlah", never "Jumla" + "h").
    assert "Ditindaklanjuti" in pieces
    assert "Jumlah" in pieces
    broken = [p for p in pieces if p.isalpha() and p not in words]
    assert broken == [], "|".join(lines)


def test_narrow_tables_get_no_hyphens():
    html = pdf_html(sample_document())
    assert "\u00ad" not in html
    assert "font-size: 8.0pt; font-family: 'DejaVu Sans'" in html
