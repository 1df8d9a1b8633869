"""The review list of a legacy import, and confirmed seats passed back as places=."""

import kim
import pandas as pd
import pytest

ROWS = [
    {"id": "K1", "name": "KIM Perian", "desa": "Perian", "kecamatan": "Muara Muntai", "kab_kota": "Kukar"},
    # A kelurahan and a desa of Kec. Sorkam Barat share this name.
    {
        "id": "K2",
        "name": "KIM Sorkam",
        "desa": "Sorkam Kanan",
        "kecamatan": "Sorkam Barat",
        "kab_kota": "Tapanuli Tengah",
    },
    # Only a near spelling fits.
    {"id": "K3", "name": "KIM Periaan", "desa": "Periaan", "kecamatan": "Muara Muntai", "kab_kota": "Kukar"},
]


def test_review_lists_every_candidate_with_its_parents():
    reg, bad, review = kim.Registry.from_records(ROWS, errors="review")
    assert len(reg) == 1
    assert [b["code"] for b in bad] == ["KIM-E-NAME-AMBIGUOUS", "KIM-E-NAME-UNCERTAIN"]
    assert isinstance(review, pd.DataFrame)
    assert list(review["id"]) == ["K2", "K2", "K3"]
    assert list(review["reason"]) == ["ambiguous", "ambiguous", "uncertain"]
    assert sorted(review[review["id"] == "K2"]["code"]) == ["12.01.10.1001", "12.01.10.2018"]
    assert set(review["candidate_kab_kota"]) == {"Kabupaten Tapanuli Tengah", "Kabupaten Kutai Kartanegara"}
    assert not review["chosen"].any()


def test_chosen_rows_complete_the_import():
    _, _, review = kim.Registry.from_records(ROWS, errors="review")
    review.loc[review["code"].isin(["12.01.10.2018", "64.02.01.2001"]), "chosen"] = True
    reg = kim.Registry.from_records(ROWS, places=review)
    assert len(reg) == 3
    assert reg.get("K2")["seat"] == "12.01.10.2018"
    assert reg.get("K3")["seat"] == "64.02.01.2001"
    # The same through pandas, and by KIM id.
    reg = kim.Registry.from_pandas(pd.DataFrame(ROWS), places={"K2": "12.01.10.1001", "K3": "64.02.01.2001"})
    assert reg.get("K2")["seat"] == "12.01.10.1001"


def test_bad_places_are_clear_errors():
    with pytest.raises(kim.KimError, match="places"):
        kim.Registry.from_records(ROWS, places={"K2": "12.01.1x"})
    with pytest.raises(kim.KimError, match="places"):
        kim.Registry.from_records(ROWS, places=42)
    # A confirmed code that is not a village rejects the row, with its field.
    reg, bad = kim.Registry.from_records(ROWS, places={"K2": "12.01.10"}, errors="collect")
    assert any(b["code"] == "KIM-E-NAME" and b["field"] == "desa" for b in bad)
