"""The stored plot pictures on damaged or foreign files: a picture of the right key, or none.

A picture file is read at every start before the window is usable, so a damaged one (a full
disk, another program, bit rot) must neither crash nor hang the start, and must never show
a picture that is not the one asked for. Fixed seed; each example under 2 s.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from dzp_planner.gui.plot import picture_cache as plot_snapshots

SETTINGS = settings(derandomize=True, max_examples=600, deadline=2000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
KEY = plot_snapshots.key((0.5, 0.496, "equiv", (), ("#efefef", "#ffffff", "#000000")), 48, 32, 1.0)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png(key_text: str, width: int = 48, height: int = 32) -> bytes:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("#2266aa"))
    image.setText(plot_snapshots.KEY_TAG, key_text)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(data)


GOOD = _png(KEY)


@pytest.fixture
def cache(monkeypatch, tmp_path):
    monkeypatch.setenv("DZP_PLANNER_CACHE", str(tmp_path))
    (tmp_path / "plots").mkdir()
    return tmp_path / "plots"


def _load_is_right_or_none(data: bytes) -> None:
    plot_snapshots._path(KEY).write_bytes(data)
    started = time.perf_counter()
    pixmap = plot_snapshots.load(KEY, 48, 32, 1.0)
    assert time.perf_counter() - started < 2.0
    if pixmap is not None:  # only ever the picture for this key, at this size
        assert (pixmap.width(), pixmap.height()) == (48, 32)
        assert pixmap.toImage().text(plot_snapshots.KEY_TAG) == KEY


def test_a_good_picture_loads(qapp, cache):
    plot_snapshots._path(KEY).write_bytes(GOOD)
    assert plot_snapshots.load(KEY, 48, 32, 1.0) is not None


@SETTINGS
@given(st.binary(max_size=4096))
def test_junk_bytes(qapp, cache, data):
    _load_is_right_or_none(data)


@SETTINGS
@given(st.binary(max_size=2048))
def test_junk_after_a_png_signature(qapp, cache, data):
    _load_is_right_or_none(PNG_SIGNATURE + data)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(GOOD) - 1), st.integers(0, 255)), min_size=1, max_size=8), st.integers(8, len(GOOD)))
def test_a_real_picture_with_bytes_flipped_or_cut(qapp, cache, flips, keep):
    data = bytearray(GOOD)
    for index, value in flips:
        data[index] = value
    _load_is_right_or_none(bytes(data[:keep]))


def test_pictures_for_other_keys_and_sizes_are_refused(qapp, cache):
    other = plot_snapshots.key((0.5, 0.5, "equiv", (), ("#efefef", "#ffffff", "#000000")), 48, 32, 1.0)
    for data in (_png(other), _png(KEY, 49, 32), _png(KEY[:-1]), _png("")):
        plot_snapshots._path(KEY).write_bytes(data)
        assert plot_snapshots.load(KEY, 48, 32, 1.0) is None
