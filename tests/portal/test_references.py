"""portal.references: random references with a check symbol, forgiving input."""

import pytest

from portal.references import (
    ALPHABET,
    LENGTH,
    Parsed,
    check_symbol,
    display_reference,
    is_valid,
    new_reference,
    normalise,
    parse,
)


def test_alphabet_is_crockford_without_confusable_letters():
    assert len(ALPHABET) == 32
    assert not set("ILOU") & set(ALPHABET)


def test_new_references_are_valid_random_and_eleven_symbols():
    references = {new_reference() for _ in range(2000)}
    assert len(references) == 2000
    for reference in references:
        assert len(reference) == LENGTH
        assert set(reference) <= set(ALPHABET)
        assert parse(reference) == (Parsed.VALID, reference)


def test_display_groups_by_four():
    assert display_reference("K7P39XQ2M4C") == "K7P3-9XQ2-M4C"


@pytest.mark.parametrize(
    "typed",
    [
        "{grouped}",
        "{lower}",
        " {spaced} ",
        "{fullwidth}",
        "{with_o_and_l}",
    ],
)
def test_input_is_normalised(typed):
    body = "0123456789"
    reference = body + check_symbol(body)
    variants = {
        "grouped": display_reference(reference),
        "lower": display_reference(reference).lower(),
        "spaced": " ".join(reference),
        "fullwidth": "".join(chr(ord(c) + 0xFEE0) for c in reference),
        "with_o_and_l": "O" + "l" + reference[2:],
    }
    text = typed.format(**variants)
    assert normalise(text) == reference
    assert is_valid(text)


def test_every_single_symbol_substitution_is_caught():
    reference = new_reference()
    for position in range(LENGTH):
        for symbol in ALPHABET:
            if symbol == reference[position]:
                continue
            typo = reference[:position] + symbol + reference[position + 1 :]
            assert parse(typo)[0] is Parsed.BAD_CHECK, (reference, typo)


def test_adjacent_swaps_are_mostly_caught():
    missed = 0
    for _ in range(200):
        reference = new_reference()
        for position in range(LENGTH - 1):
            a, b = reference[position], reference[position + 1]
            if a == b:
                continue
            swapped = reference[:position] + b + a + reference[position + 2 :]
            missed += parse(swapped)[0] is Parsed.VALID
    # Luhn mod N misses only the swap of the two symbols whose values differ by N/2 ± …
    assert missed < 40


@pytest.mark.parametrize(
    "text", ["", "ABC", "K7P3-9XQ2-M4CC", "K7P3-9XQ2-M4!", "K7P3 9XQ2 M4U", "<script>", "\u202e"]
)
def test_malformed_text_is_reported_as_such(text):
    assert parse(text)[0] is Parsed.MALFORMED
    assert not is_valid(text)
