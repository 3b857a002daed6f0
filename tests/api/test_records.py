"""GET /api/records/…: the released-records manifest and files, read from the file store."""

from __future__ import annotations

import json

from pra.services import Services


def test_the_manifest_is_empty_until_something_is_published(client) -> None:
    response = client.get("/api/records/manifest.json")
    assert response.status_code == 200
    assert response.get_json() == {"years": [], "records": []}


def test_the_manifest_is_read_from_the_public_prefix(client, services: Services) -> None:
    published = {
        "records": [
            {
                "id": "2026-board-minutes",
                "title": "Library Commission minutes, 2026",
                "released_on": "2026-11-20",
                "files": [{"name": "minutes.pdf", "url": "/api/records/files/minutes.pdf"}],
            }
        ]
    }
    services.files.put("public/manifest.json", json.dumps(published).encode(), "application/json")
    assert client.get("/api/records/manifest.json").get_json() == published


def test_a_published_file_is_served_with_its_type_and_cannot_run_script(
    client, services: Services
) -> None:
    services.files.put(
        "public/records/2026-a1b2c3d4e5f6/minutes.pdf", b"%PDF-1.7", "application/pdf"
    )
    response = client.get("/public/records/2026-a1b2c3d4e5f6/minutes.pdf")
    assert (response.status_code, response.content_type) == (200, "application/pdf")
    assert response.data == b"%PDF-1.7"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert "Content-Disposition" not in response.headers
    services.files.put("public/records/2026-a1b2c3d4e5f6/page.svg", b"<svg/>", "image/svg+xml")
    active = client.get("/public/records/2026-a1b2c3d4e5f6/page.svg")
    assert active.headers["Content-Disposition"] == 'attachment; filename="page.svg"'


def test_private_files_are_not_reachable_through_the_records_route(
    client, services: Services
) -> None:
    services.files.put("requests/PRA-2026-00001/files/x/a.pdf", b"%PDF", "application/pdf")
    for path in [
        "../../requests/PRA-2026-00001/files/x/a.pdf",
        "2026-a1b2c3d4e5f6/missing.pdf",
        "..%2F..%2Frequests/a.pdf",
    ]:
        assert client.get(f"/public/records/{path}").status_code == 404


def test_the_plain_list_names_every_record_and_links_its_files(client, services: Services) -> None:
    published = {
        "records": [
            {
                "title": "Library Commission minutes, 2026",
                "released_on": "2026-11-20",
                "description": "Approved minutes",
                "files": [{"name": "minutes.pdf", "url": "/api/records/files/minutes.pdf"}],
            }
        ]
    }
    services.files.put("public/manifest.json", json.dumps(published).encode(), "application/json")
    page = client.get("/api/records/?lang=es").get_data(as_text=True)
    assert '<html lang="es"' in page
    assert "Library Commission minutes, 2026" in page
    assert "viernes, 20 de noviembre de 2026" in page
    assert '<a href="/api/records/files/minutes.pdf">minutes.pdf</a>' in page


def test_the_plain_list_says_when_nothing_is_published(client) -> None:
    response = client.get("/api/records/")
    assert response.status_code == 200
    assert "No records have been published yet." in response.get_data(as_text=True)


def test_the_plain_list_filters_by_year_kind_and_words(client, services: Services) -> None:
    def record(record_id: str, title: str, file_type: str, request: str | None = None) -> dict:  # type: ignore[type-arg]
        return {
            "id": record_id,
            "title": title,
            "description": "",
            "request": request,
            "released_on": "2026-11-20",
            "files": [{"name": "f", "url": "/f", "size": 1, "sha256": "x", "type": file_type}],
        }

    page_2026 = [
        record("2026-aaaaaaaaaaaa", "Security contract", "application/pdf", "PRA-2026-00007"),
        record("2026-bbbbbbbbbbbb", "Overtime payroll", "text/csv"),
    ]
    index = {
        "years": [
            {"year": 2026, "count": 2, "url": "/public/records-2026.json"},
            {"year": 2025, "count": 1, "url": "/public/records-2025.json"},
        ],
        "records": page_2026,
    }
    older = {"year": 2025, "records": [record("2025-cccccccccccc", "Old minutes", "image/png")]}
    services.files.put("public/manifest.json", json.dumps(index).encode(), "application/json")
    services.files.put("public/records-2025.json", json.dumps(older).encode(), "application/json")

    def titles(query: str) -> list[str]:
        page = client.get(f"/api/records/?{query}").get_data(as_text=True)
        found = [t for t in ("Security contract", "Overtime payroll", "Old minutes") if t in page]
        return found

    assert titles("") == ["Security contract", "Overtime payroll"]
    assert titles("type=spreadsheet") == ["Overtime payroll"]
    assert titles("q=PRA-2026-00007") == ["Security contract"]
    assert titles("year=2025") == ["Old minutes"]
    assert titles("year=2025&type=pdf") == []
    assert titles("year=1999") == ["Security contract", "Overtime payroll"]


def test_the_feed_is_a_valid_empty_atom_feed_before_anything_is_published(client) -> None:
    import xml.etree.ElementTree as ElementTree

    response = client.get("/api/records/feed.atom")
    assert (response.status_code, response.content_type) == (
        200,
        "application/atom+xml; charset=utf-8",
    )
    feed = ElementTree.fromstring(response.get_data())
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.tag == f"{atom}feed" and feed.findall(f"{atom}entry") == []
    assert all(feed.findtext(f"{atom}{name}") for name in ("id", "title", "updated"))
