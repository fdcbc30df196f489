"""ETDZ English names come from the zone's own Chinese name, never from the GeoNames town of its point."""

import pytest

from sezatlas.registry.bundled import load_bundled_registry
from sezatlas.registry.etdz import english_name

BY_ID = {zone.zone_id: zone for zone in load_bundled_registry().zones}


@pytest.mark.parametrize(
    ("zone_id", "place", "geonames_town"),
    [
        ("CHN-ETDZ-215", "Changshu", "Yushan"),
        ("CHN-ETDZ-172", "Wujiang", "Songlong"),
        ("CHN-ETDZ-136", "Rugao", "Rucheng"),
        ("CHN-ETDZ-037", "Beichen", "Guoyuan Xincun"),
        ("CHN-ETDZ-048", "Dongli", "Zhangguizhuang"),
        ("CHN-ETDZ-083", "Jiashan", "Weitang"),
        ("CHN-ETDZ-092", "Jinggangshan", "Xiaping"),
        ("CHN-ETDZ-096", "Kuqa", "Xincheng"),
        ("CHN-ETDZ-098", "Kuitun-Dushanzi", "Xininglu"),
        ("CHN-ETDZ-105", "Liuyang", "Guankou"),
        ("CHN-ETDZ-123", "Ningguo", "Helixi"),
        ("CHN-ETDZ-124", "Ningxiang", "Yutan"),
        ("CHN-ETDZ-137", "Ruijin", "Xianghu"),
        ("CHN-ETDZ-148", "Shuyang", "Shucheng"),
        ("CHN-ETDZ-164", "Wangcheng", "Gaotangling"),
        ("CHN-ETDZ-178", "Xiangcheng", "Yuanhe"),
        ("CHN-ETDZ-204", "Changshou", "Fengcheng"),
        ("CHN-ETDZ-205", "Changxing", "Zhicheng"),
        ("CHN-ETDZ-220", "Tengzhou", "Chengtangcun"),
        ("CHN-ETDZ-230", "Guixi", "Huayuan"),
    ],
)
def test_the_name_is_the_zones_own_place_not_the_geonames_town(
    zone_id: str, place: str, geonames_town: str
) -> None:
    zone = BY_ID[zone_id]
    assert zone.name_en == f"{place} Economic and Technological Development Zone"
    assert zone.location.geonames_place == geonames_town  # the point is still the matched town


@pytest.mark.parametrize(
    ("zone_id", "name_en"),
    [
        ("CHN-ETDZ-139", "Shaanxi Aviation Economic and Technological Development Zone"),
        ("CHN-ETDZ-140", "Shaanxi Aerospace Economic and Technological Development Zone"),
        ("CHN-ETDZ-058", "Guangxi-ASEAN Economic and Technological Development Zone"),
        ("CHN-ETDZ-208", "China-Malaysia Qinzhou Industrial Park"),
        ("CHN-ETDZ-141", "Shanghai Chemical Industry Economic and Technological Development Zone"),
        ("CHN-ETDZ-062", "Harbin Economic and Technological Development Zone"),
        ("CHN-ETDZ-033", "Urumqi Economic and Technological Development Zone"),
        ("CHN-ETDZ-069", "Hangzhou Bay Shangyu Economic and Technological Development Zone"),
        ("CHN-ETDZ-176", "Xi'an Economic and Technological Development Zone"),
        ("CHN-ETDZ-111", "Luohe Economic and Technological Development Zone"),
        ("CHN-ETDZ-031", "Minhang Economic and Technological Development Zone"),
    ],
)
def test_words_with_an_english_name_are_translated_not_transliterated(zone_id: str, name_en: str) -> None:
    assert BY_ID[zone_id].name_en == name_en


def test_suzhou_industrial_park_keeps_its_known_english_name() -> None:
    name, method = english_name("苏州工业园区", ("江苏", "苏州"))
    assert name == "Suzhou Industrial Park"
    assert "known English name" in method and "pypinyin" not in method


def test_the_method_is_recorded_per_row() -> None:
    transliterated = BY_ID["CHN-ETDZ-215"]
    assert "transliterated from name_zh with pypinyin" in (transliterated.notes or "")
    assert "pypinyin" in (transliterated.field_provenance["name_en"].source_citation or "")
    known_words = BY_ID["CHN-ETDZ-139"]  # 陕西航空: Shaanxi Aviation, no pypinyin word in it
    assert "known English names" in (known_words.field_provenance["name_en"].source_citation or "")
    assert "陕西 (Shaanxi)" in (known_words.notes or "")
    assert "pypinyin" not in (known_words.notes or "")
    mixed = BY_ID["CHN-ETDZ-074"]  # 哈尔滨利民: Harbin (known) + Limin (pypinyin)
    assert "pypinyin" in (mixed.notes or "") and "哈尔滨 (Harbin)" in (mixed.notes or "")
