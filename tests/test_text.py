"""Properties of the whitespace and name folding that passage text and mention spans rest on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpus.text import collapse_layout, collapse_layout_mapped, collapse_whitespace, fold_name

TEXTS = st.text(alphabet=st.sampled_from("ab ı\u00a0\n\t\r-’'sXÉé."), max_size=40) | st.text(
    max_size=40
)


@given(TEXTS)
def test_collapsing_layout_is_idempotent(raw: str) -> None:
    once = collapse_layout(raw)
    assert collapse_layout(once) == once


@given(TEXTS)
def test_the_offset_map_points_every_kept_character_to_itself(raw: str) -> None:
    text, offsets = collapse_layout_mapped(raw)
    assert text == collapse_layout(raw)
    assert len(offsets) == len(raw) + 1
    assert offsets == sorted(offsets)
    assert offsets[-1] == len(text)
    for index, char in enumerate(raw):
        if not char.isspace():  # every printed character keeps its place: spans rest on this
            assert text[offsets[index]] == char


@given(TEXTS)
def test_no_break_spaces_survive_layout_collapsing_inside_text(raw: str) -> None:
    inner = "x" + raw + "x"
    assert collapse_layout(inner).count("\u00a0") == inner.count("\u00a0")


@given(TEXTS)
def test_whitespace_collapsing_is_idempotent_and_leaves_no_no_break_space(raw: str) -> None:
    once = collapse_whitespace(raw)
    assert collapse_whitespace(once) == once
    assert "\u00a0" not in once


@given(TEXTS)
def test_name_folding_is_idempotent(raw: str) -> None:
    assert fold_name(fold_name(raw)) == fold_name(raw)


def test_name_folding_equates_the_forms_the_texts_print() -> None:
    assert fold_name("Xocalı") == fold_name("XOCALI") == "xocali"
    assert fold_name("Nagorno-Karabakh") == fold_name("Nagorno Karabakh")
    assert fold_name("Armenia’s") == fold_name("ARMENIA's") == "armenia"
    assert fold_name("Organization of İslamic Cooperation") == fold_name(
        "Organization of Islamic Cooperation"
    )
