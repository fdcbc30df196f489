"""Use cases of the localization share and of the ICIO / BACI imports.

`localization_for` is what `sezatlas chains localization`, `GET /api/v1/chains/localization` and the
`/chains/localization` page call. It takes the product's inputs from the best table there is — the
country's own column of an imported OECD ICIO table, else the US 2017 proxy recipe — and hands them with
the cached zone index (`localization_zones.py`) to the pure core (`localization.localization_scenario`).
With an imported BACI year it adds the country's revealed comparative advantage in each input's products.

`import_icio` and `import_baci` are secretariat acts (`accounts.roles.may_administer`): read and check the
whole file (nothing is stored on any problem), compute what the answers need, store it atomically in the
folder of the `SEZATLAS_CHAINS_DIR` setting (`trade_store.py`).
"""

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor, may_administer, require
from sezatlas.chains.baci import read_baci, read_country_codes
from sezatlas.chains.icio import IcioTable, read_icio, value_added_content
from sezatlas.chains.localization import (
    InputNeed,
    LocalizationRequestError,
    LocalizationScenario,
    ZoneSectorIndex,
    localization_scenario,
    parse_addition,
)
from sezatlas.chains.localization_sources import (
    ICIO_METHOD,
    IcioFigures,
    InputRca,
    TradeFigures,
    icio_needs,
    input_rcas,
    proxy_needs,
)
from sezatlas.chains.localization_zones import ZONE_SECTORS
from sezatlas.chains.recipe import Recipe, input_recipe
from sezatlas.chains.trade_files import Progress
from sezatlas.chains.trade_store import KINDS, STORED_TABLES, ImportRecord, read_record, save_table
from sezatlas.settings import get_settings
from sezatlas.stewardship.changes import ZoneNotFoundError

MAX_ADDITIONS = 20
ALL_INPUTS = 500  # more than the ISIC classes a US industry reaches: the recipe with every input
SCENARIO_METHOD = (
    "Each input industry is present in a zone tagged with its ISIC code or a narrower one (sezatlas "
    "zone_isic); an input counts at the nearest level — the project's country, else another country's "
    "zones, else nowhere — with its share of the input value of all inputs that reach an ISIC class. "
    "Zones that declared only a broader code (a section such as C) possibly host it: counted apart. An "
    "addition tags the zone with the class and its ancestors."
)


@dataclass(frozen=True)
class LocalizationAnswer:
    """The scenario with what the inputs were read from, in words and figures."""

    product: str  # "ISIC:2720", "HS:850760"
    title: str
    scenario: LocalizationScenario
    unbridged_per_usd: float  # inputs that reach no ISIC class (proxy only), left out of the shares
    label: str  # the proxy label, or "OECD ICIO 2023, RUS's own coefficients"
    method: str
    icio: IcioFigures | None
    trade: TradeFigures | None
    rca: tuple[InputRca, ...]


def _chains_dir() -> Path:
    return get_settings().chains_dir


def _icio() -> tuple[ImportRecord, IcioTable, dict[str, NDArray[np.float64]]] | None:
    stored = STORED_TABLES.get(_chains_dir(), "icio")
    if stored is None:
        return None
    record, arrays = stored
    table = IcioTable(
        countries=tuple(str(c) for c in arrays["countries"]),
        industries=tuple(str(i) for i in arrays["industries"]),
        flows=arrays["flows"],
        taxes=arrays["taxes"],
        value_added=arrays["value_added"],
        output=arrays["output"],
    )
    content = {name: arrays[name] for name in ("domestic", "foreign", "content_taxes")}
    content["taxes"] = content.pop("content_taxes")
    return record, table, content


def _project_zone(index: ZoneSectorIndex, zone_id: str) -> str:
    wanted = zone_id.strip()
    if wanted not in index.zone_at:
        raise ZoneNotFoundError(f"zone: no zone {zone_id!r} in the registry")
    return wanted


def _icio_label(record: ImportRecord, country: str) -> str:
    year = f" ({record.year})" if record.year else ""
    return f"OECD ICIO {record.release or ''}{year}, {country}'s own coefficients".replace("ICIO  ", "ICIO ")


def _needs(recipe: Recipe, country: str) -> tuple[list[InputNeed], str, str, IcioFigures | None]:
    """(needs, label, method, ICIO figures): the country's own ICIO column when there is one."""
    icio = _icio()
    if icio is not None:
        record, table, content = icio
        found = icio_needs(table, content, country, recipe.stands_for)
        if found is not None:
            needs, figures = found
            return needs, _icio_label(record, country), f"{ICIO_METHOD} {SCENARIO_METHOD}", figures
        why = (f"The imported OECD ICIO table ({record.source_file}) has no {country} column with output for "
               "the product's industry, so the US proxy answers. ")  # fmt: skip
        return proxy_needs(recipe), recipe.label, f"{why}{recipe.method} {SCENARIO_METHOD}", None
    return proxy_needs(recipe), recipe.label, f"{recipe.method} {SCENARIO_METHOD}", None


def _trade(country: str, needs: list[InputNeed]) -> tuple[TradeFigures | None, tuple[InputRca, ...]]:
    stored = STORED_TABLES.get(_chains_dir(), "baci")
    if stored is None:
        return None, ()
    record, arrays = stored
    countries = tuple(str(c) for c in arrays["countries"])
    products = tuple(str(p) for p in arrays["products"])
    edition = f" {record.hs_edition}" if record.hs_edition else ""
    release = f" ({record.release})" if record.release else ""
    label = f"CEPII BACI{edition}{release}, {record.year}"
    figures = TradeFigures(label, country, country in countries)
    return figures, input_rcas(arrays["exports"], countries, products, country, needs)


def localization_for(
    session: Session, code: str, zone_id: str, additions: Sequence[str] = ()
) -> LocalizationAnswer:
    """The localization share of `code` made in `zone_id`, before and after the additions ('2011@RUS-002')."""
    if len(additions) > MAX_ADDITIONS:
        raise LocalizationRequestError(f"add: at most {MAX_ADDITIONS} additions, not {len(additions)}")
    parsed = [parse_addition(text) for text in additions]
    recipe = input_recipe(code, top=ALL_INPUTS)
    index = ZONE_SECTORS.get(session)
    zone = _project_zone(index, zone_id)
    country = index.countries[int(index.zone_country[index.zone_at[zone]])]
    needs, label, method, icio = _needs(recipe, country)
    scenario = localization_scenario(needs, zone, index, parsed)
    trade, rcas = _trade(country, needs)
    return LocalizationAnswer(
        product=recipe.code,
        title=recipe.title,
        scenario=scenario,
        unbridged_per_usd=0.0 if icio else sum(item.direct_per_usd for item in recipe.unbridged_inputs),
        label=label,
        method=method,
        icio=icio,
        trade=trade,
        rca=rcas,
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _record(kind: str, path: Path, actor: Actor, sha: str, **facts: object) -> ImportRecord:
    return ImportRecord(
        kind=kind,
        source_file=path.name,
        sha256=sha,
        imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
        imported_by=actor.name,
        arrays_file=f"{kind}-{sha[:16]}.npz",
        **facts,  # type: ignore[arg-type]
    )


def _year_of(path: Path) -> int | None:
    """The data year of an ICIO file named as the OECD names them (`2020.csv`, `ICIO2023_2020.csv`)."""
    found = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", path.stem)
    return int(found[-1]) if found else None


def import_icio(
    actor: Actor, path: Path, release: str = "2023", on_progress: Progress | None = None
) -> ImportRecord:
    """Read and check an OECD ICIO CSV, compute the value-added content, store both; all or nothing."""
    require(actor, may_administer(actor), "import an OECD ICIO table")
    table = read_icio(path, on_progress)
    content = value_added_content(table)
    shape = {"countries": len(table.countries), "industries": len(table.industries)}
    record = _record("icio", path, actor, _sha256(path), release=release, year=_year_of(path), shape=shape)
    arrays = {
        "countries": np.asarray(table.countries), "industries": np.asarray(table.industries),
        "flows": table.flows, "taxes": table.taxes, "value_added": table.value_added, "output": table.output,
        "domestic": content.domestic, "foreign": content.foreign, "content_taxes": content.taxes,
    }  # fmt: skip
    save_table(_chains_dir(), record, arrays)
    return record


def import_baci(
    actor: Actor, path: Path, countries_path: Path, on_progress: Progress | None = None
) -> ImportRecord:
    """Read and check a BACI year and its country list, store the exports by country and HS6 product."""
    require(actor, may_administer(actor), "import a CEPII BACI file")
    exports = read_baci(path, read_country_codes(countries_path), on_progress)
    shape = {"countries": len(exports.countries), "products": len(exports.products)}
    record = _record("baci", path, actor, _sha256(path), release=exports.release, year=exports.year,
                     shape=shape, hs_edition=exports.hs_edition)  # fmt: skip
    arrays = {"countries": np.asarray(exports.countries), "products": np.asarray(exports.products),
              "exports": exports.exports}  # fmt: skip
    save_table(_chains_dir(), record, arrays)
    return record


def imported_tables() -> list[ImportRecord]:
    """What is imported, from which file, when, by whom (ICIO first)."""
    return [record for kind in KINDS if (record := read_record(_chains_dir(), kind)) is not None]
