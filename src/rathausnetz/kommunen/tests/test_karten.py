import re

from rathausnetz.kommunen.services.karten import pfad, projektion


def test_projection_fits_the_box_and_keeps_north_up():
    proj, hoehe = projektion((12.0, 50.0, 13.0, 51.0), 1000, 10)
    links_oben = proj(12.0, 51.0)
    rechts_unten = proj(13.0, 50.0)
    assert links_oben == (10, 10)
    assert rechts_unten[0] == 990
    assert abs(rechts_unten[1] - (hoehe - 10)) < 1e-6
    # One degree of longitude is shorter than one of latitude at 50.5° N.
    assert hoehe - 20 > 980


def test_path_is_relative_closed_and_skips_repeated_points():
    proj, _ = projektion((0.0, 0.0, 1.0, 1.0), 100, 0)
    daten = pfad([[[[0, 0], [1, 0], [1, 0], [1, 1], [0, 0]]]], proj)
    assert daten.startswith("M0 100")
    assert daten.endswith("z")
    assert len(re.findall(r"l", daten)) == 3


def test_degenerate_rings_are_dropped():
    proj, _ = projektion((0.0, 0.0, 1.0, 1.0), 100, 0)
    assert pfad([[[[0, 0], [0.0001, 0]]]], proj) == ""
