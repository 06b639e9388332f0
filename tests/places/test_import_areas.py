"""manage.py import_areas: CSV and GeoJSON, dry run, atomic, updates by code, every bad row reported."""

import json

import pytest
from django.core.management import CommandError, call_command

from places.models import Area

HEADER = "code,name,level,parent,kind,lat,lon\n"
GOOD = HEADER + (
    "440403,斗门区,district,,,22.209,113.296\n"
    "440403107,井岸镇,town,440403,town,22.21,113.295\n"
    "440403107201,尖峰村,village,440403107,village,22.2,113.28\n"
    "440403107001,新伟社区,village,440403107,community,,\n"
)


def write(tmp_path, text, name="areas.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(path, *args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_areas", path, *args, stdout=out, stderr=err)
    except CommandError as exc:
        return False, out.getvalue(), err.getvalue() + str(exc)
    return True, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_it_imports_a_good_csv(tmp_path):
    ok, out, _ = run(write(tmp_path, GOOD))
    assert ok and "Created 4" in out
    village = Area.objects.get(code="440403107201")
    assert village.parent.code == "440403107" and village.level == "village" and village.kind == "village"
    assert village.lat == 22.2 and village.lon == 113.28
    assert Area.objects.under("440403").count() == 3


@pytest.mark.django_db
def test_the_shipped_doumen_file_has_6_towns_and_129_villages(doumen):
    assert Area.objects.under("440403").filter(level="town").count() == 6
    villages = Area.objects.under("440403").villages()
    assert villages.count() == 129
    assert villages.filter(kind="community").count() == 28
    assert Area.objects.get(code="440403107").coords_approximate is True


@pytest.mark.django_db
def test_dry_run_changes_nothing(tmp_path):
    ok, out, _ = run(write(tmp_path, GOOD), "--dry-run")
    assert ok and "would create 4" in out
    assert Area.objects.count() == 0


@pytest.mark.django_db
def test_reimport_updates_by_code_instead_of_duplicating(tmp_path):
    run(write(tmp_path, GOOD))
    changed = GOOD.replace("尖峰村,village,440403107,village,22.2", "尖峰村(新),village,440403107,village,22.3")
    ok, out, _ = run(write(tmp_path, changed, "again.csv"))
    assert ok and "Created 0, updated 1, unchanged 3" in out
    assert Area.objects.count() == 4
    village = Area.objects.get(code="440403107201")
    assert (village.name, village.lat) == ("尖峰村(新)", 22.3)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "line, reason",
    [
        ("44040310720X,坏村,village,440403107,village,,", "[bad_code]"),
        ("4404031072,短码村,village,440403107,village,,", "[bad_code]"),
        ("440403108201,孤村,village,440403108,village,,", "[unknown_parent]"),
        ("440403106201,错村,village,440403107,village,,", "[parent_not_prefix]"),
        ("440403107202,偏村,village,440403107,village,95,113.2", "[bad_coordinates]"),
        ("440403107203,半坐标村,village,440403107,village,22.1,", "[bad_coordinates]"),
        ("440403107204,怪村,hamlet,440403107,village,,", "[bad_level]"),
        ("440403107205,,village,440403107,village,,", "[missing_name]"),
    ],
)
def test_it_reports_each_kind_of_bad_row_and_imports_nothing(tmp_path, line, reason):
    ok, _, err = run(write(tmp_path, GOOD + line + "\n"))
    assert not ok
    assert f"line 6 ({line.split(',')[0]})" in err
    assert reason in err
    assert Area.objects.count() == 0


@pytest.mark.django_db
def test_it_lists_every_bad_row_with_its_line(tmp_path):
    text = (
        GOOD + "440403108201,孤村,village,440403108,village,,\n" + "440403107202,偏村,village,440403107,village,abc,1\n"
    )
    ok, _, err = run(write(tmp_path, text))
    assert not ok
    assert "line 6 (440403108201): [unknown_parent]" in err
    assert "line 7 (440403107202): [bad_coordinates]" in err
    assert "2 bad row(s); nothing was imported" in err
    assert Area.objects.count() == 0


@pytest.mark.django_db
def test_a_parent_may_already_be_in_the_database(tmp_path, areas):
    ok, out, _ = run(write(tmp_path, HEADER + "440403107299,新村,village,440403107,village,,\n"))
    assert ok and "Created 1" in out


@pytest.mark.django_db
def test_it_imports_geojson_with_points_and_polygons(tmp_path):
    ring = [[113.2, 22.2], [113.3, 22.2], [113.3, 22.3], [113.2, 22.2]]
    features = [
        {
            "type": "Feature",
            "properties": {"code": "440403", "name": "斗门区", "level": "district", "parent": None},
            "geometry": {"type": "Point", "coordinates": [113.296, 22.209]},
        },
        {
            "type": "Feature",
            "properties": {"code": "440403107", "name": "井岸镇", "level": "town", "parent": "440403", "kind": "town"},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        },
    ]
    path = write(tmp_path, json.dumps({"type": "FeatureCollection", "features": features}), "areas.geojson")
    ok, out, _ = run(path)
    assert ok, out
    district, town = Area.objects.get(code="440403"), Area.objects.get(code="440403107")
    assert (district.lat, district.lon) == (22.209, 113.296)
    assert town.boundary == {"type": "Polygon", "coordinates": [ring]}


@pytest.mark.django_db
def test_geojson_bad_features_are_reported_by_number(tmp_path):
    features = [
        {
            "type": "Feature",
            "properties": {"code": "440403", "name": "斗门区", "level": "district"},
            "geometry": {"type": "Point", "coordinates": [200, 22]},
        },
        {
            "type": "Feature",
            "properties": {"code": "440403107", "name": "井岸镇", "level": "town", "parent": "440403"},
            "geometry": {"type": "LineString", "coordinates": [[113, 22], [113.1, 22.1]]},
        },
    ]
    path = write(tmp_path, json.dumps({"type": "FeatureCollection", "features": features}), "bad.geojson")
    ok, _, err = run(path)
    assert not ok
    assert "line 1 (440403): [bad_coordinates]" in err
    assert "line 2 (440403107): [bad_geometry]" in err
    assert Area.objects.count() == 0


@pytest.mark.django_db
def test_unreadable_files_are_a_clear_error(tmp_path):
    ok, _, err = run(write(tmp_path, "{not json", "x.geojson"))
    assert not ok and "JSON" in err
    ok, _, err = run(write(tmp_path, "name,level\nA,town\n", "x.csv"))
    assert not ok and "code" in err
    ok, _, err = run(str(tmp_path / "missing.csv"))
    assert not ok and "No such file" in err
