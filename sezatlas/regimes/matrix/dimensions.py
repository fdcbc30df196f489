"""The dimensions of the harmonization matrix, each from a published framework, each with closed codes.

Where they come from:

- **OECD Investment Tax Incentives Database (ITID)**: Celani, Dressler & Wermelinger (2022), "Building
  an Investment Tax Incentives database: methodology and initial findings for 36 developing countries",
  OECD Working Papers on International Investment 2022/01, doi:10.1787/62e075a9-en. Its design features
  give the instrument dimensions (tax exemptions and reduced rates; allowances and credits), the
  eligibility conditions, and the legal basis and governance of an incentive. A ceiling on the total
  benefit (Tax Code of Russia art. 56.1, as the regime files record it) is read here as a condition
  on keeping the relief, so it sits beside the eligibility conditions.
- **UNCTAD World Investment Report 2019**, chapter IV "Special economic zones": the type of territory
  (free zones as separate customs territories, export processing zones, multi-activity SEZs; regimes
  that are not geographically delimited are outside its SEZ definition, p. 128), and the relief SEZs add
  to profit-tax incentives: customs duties, indirect taxes, land, and regulatory and administrative
  facilitation (one-stop shop, employment rules, foreign exchange).
- **WTO Agreement on Subsidies and Countervailing Measures (ASCM)**, Art. 3.1(a) (subsidies contingent
  on export performance) and Art. 3.1(b) (contingent on the use of domestic over imported goods).
  Exempting exported goods from import duties on their inputs is not a subsidy (ASCM footnote 1 and
  Annex I(i)), so a duty suspension for exports does not make a regime export-contingent here.
- **OECD/G20 GloBE Model Rules (2021)** and OECD (2022), *Tax Incentives and the Global Minimum
  Corporate Tax*, doi:10.1787/25d30b96-en: Pillar Two exposure, screened as `computed_tax` says.
- **UNCTAD Investment Policy Framework for Sustainable Development (2015)**, its guidance on national
  investment policies (legal stability for investors) and on dispute settlement: what a member's law
  promises an investor about the future and where a dispute is heard.

Each dimension declares its codes and, for the divergence rule (`divergence.py`), which codes belong to
one family (compatible) and which pairs exclude each other (in conflict): the rule is data here, so it
can be changed and tested. "unknown" is never a declared code: it is the absence of a sourced fact.

Titles, labels and meanings are marked with `N_` for the pages' catalogs (docs/web.md, "Languages") and
translated when a page or a document is written; the framework citations stay as published.
"""

from dataclasses import dataclass, field

UNKNOWN = "unknown"

OECD_ITID = "OECD Investment Tax Incentives Database (Celani, Dressler & Wermelinger 2022)"
UNCTAD_WIR = "UNCTAD World Investment Report 2019, ch. IV (Special economic zones)"
UNCTAD_IPFSD = "UNCTAD Investment Policy Framework for Sustainable Development (2015)"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a string for extraction (`pybabel extract -k N_`); the page translates it when it renders."""
    return message


@dataclass(frozen=True, slots=True)
class Code:
    """One value a cell may take: `label` is what a cell shows, `meaning` what the legend explains."""

    key: str
    label: str
    meaning: str


@dataclass(frozen=True, slots=True)
class Dimension:
    """One column of the matrix.

    `families`: sets of codes that are compatible with each other; `conflicts`: pairs of codes that
    exclude each other. `computed_from` names the regime-file facts the cells are read from (empty: only
    hand-coded cells); `takes_hand_cells`: the regime files may code it in `[matrix.<key>]`."""

    key: str
    title: str
    framework: str
    codes: tuple[Code, ...]
    families: tuple[frozenset[str], ...] = ()
    conflicts: tuple[frozenset[str], ...] = ()
    computed_from: str = ""
    takes_hand_cells: bool = False
    code_keys: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "code_keys", frozenset(code.key for code in self.codes))
        for group in (*self.families, *self.conflicts):
            if not group <= self.code_keys:
                raise ValueError(f"dimension {self.key}: {sorted(group - self.code_keys)} are not its codes")
        if any(len(pair) != 2 for pair in self.conflicts):
            raise ValueError(f"dimension {self.key}: a conflict is a pair of codes")
        if UNKNOWN in self.code_keys:
            raise ValueError(f"dimension {self.key}: {UNKNOWN!r} is not a code but the absence of one")

    def code(self, key: str) -> Code:
        return next(code for code in self.codes if code.key == key)


NO_RELIEF = Code("no_relief", N_("No relief"), N_("The general regime: no subsidy to assess."))

DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "territory", N_("Type of territory"), UNCTAD_WIR,
        (Code("free_zone", N_("Free zone"),
              N_("A separate customs territory: free trade zone, free port or bonded zone.")),
         Code("export_processing_zone", N_("Export processing zone"),
              N_("A free zone for manufacturing mainly for export.")),
         Code("special_economic_zone", N_("Special economic zone"),
              N_("A delimited area with its own regime for many activities.")),
         Code("wide_area", N_("Wide-area regime"),
              N_("A preference for whole regions or provinces, not for a delimited zone.")),
         Code("not_a_zone", N_("Not a zone"),
              N_("A nationwide regime: the standard regime, or a preference not tied to a place."))),
        families=(frozenset({"free_zone", "export_processing_zone", "special_economic_zone"}),
                  frozenset({"wide_area", "not_a_zone"})),
        computed_from="territory_type",
    ),
    Dimension(
        "rate_relief", N_("Profit-tax rate relief"), OECD_ITID + ": tax exemptions and reduced rates",
        (Code("holiday", N_("Tax holiday"), N_("Profit tax at 0% for a limited number of years.")),
         Code("exemption", N_("Exemption"), N_("Profit tax at 0% with no time limit.")),
         Code("reduced_rate", N_("Reduced rate"),
              N_("A profit-tax rate below the standard rate, for some years or with no limit.")),
         Code("turnover_levy", N_("Levy instead of profit tax"),
              N_("Profit tax replaced by a levy on revenue.")),
         Code("none", N_("None"), N_("No preferential profit-tax rate: the standard rate applies."))),
        families=(frozenset({"holiday", "exemption"}),),
        computed_from="cit, turnover_levy",
    ),
    Dimension(
        "base_relief", N_("Allowances and credits"), OECD_ITID + ": tax allowances and tax credits",
        (Code("tax_credit", N_("Investment tax credit"),
              N_("A credit against profit tax of a share of the investment.")),
         Code("investment_allowance", N_("Investment allowance"),
              N_("An extra deduction of a share of the investment from taxable profit.")),
         Code("accelerated_depreciation", N_("Accelerated depreciation"),
              N_("Faster tax depreciation than under the standard regime.")),
         Code("none", N_("None"),
              N_("No allowance or credit beyond the standard depreciation rules, as the engine models it."))),
        families=(frozenset({"tax_credit", "investment_allowance", "accelerated_depreciation"}),),
        computed_from="investment_credit, investment_allowance, depreciation",
    ),
    Dimension(
        "eligibility", N_("Eligibility conditions"), OECD_ITID + ": eligibility conditions",
        (Code("export_share", N_("Export condition"),
              N_("The relief depends on exporting: export profits only, or a minimum export share.")),
         Code("qualifying_income", N_("Qualifying income"),
              N_("The relief covers qualifying income only, or needs a minimum share of it.")),
         Code("minimum_investment", N_("Minimum investment"),
              N_("A minimum capital investment is required.")),
         Code("sector", N_("Sector"), N_("Only listed sectors qualify.")),
         Code("approval_and_location", N_("Approval and location"),
              N_("Being located in the zone and holding a licence, an approval or a resident agreement.")),
         Code("none", N_("None"), N_("The general regime: every resident company."))),
        families=(frozenset({"export_share", "qualifying_income"}),
                  frozenset({"minimum_investment", "sector", "approval_and_location"})),
        computed_from="eligibility, cit.income_scope",
    ),
    Dimension(
        "benefit_cap", N_("Ceiling on benefits"),
        OECD_ITID + ": eligibility conditions (a ceiling on the relief)",
        (Code("capped", N_("Capped"), N_("The total benefit is limited, e.g. to the capital invested.")),
         Code("not_applicable", N_("Not applicable"), N_("The general regime grants no benefit to cap."))),
        computed_from="benefit_cap",
    ),
    Dimension(
        "legal_basis", N_("Legal basis"), OECD_ITID + ": legal basis and governance",
        (Code("tax_law", N_("Tax law"),
              N_("The relief is in the tax code, the income-tax act or another tax statute.")),
         Code("zone_or_investment_law", N_("Zone or investment law"),
              N_("A statute on zones or on investment grants the relief.")),
         Code("executive_act", N_("Executive act"),
              N_("A decree, regulation, circular or decision of the government, a ministry or the zone "
                 "authority."))),
        families=(frozenset({"tax_law", "zone_or_investment_law"}),),
        takes_hand_cells=True,
    ),
    Dimension(
        "customs", N_("Customs duties"), UNCTAD_WIR + ": relief from customs duties",
        (Code("exempt", N_("Exempt"), N_("No duty on imported capital goods or inputs.")),
         Code("exempt_for_exports", N_("Exempt for exports"),
              N_("Duty-free capital goods; inputs duty-free in the zone or when exported, with duty due on "
                 "sale to the domestic market.")),
         Code("capital_goods_exempt", N_("Capital goods only"),
              N_("Duty-free capital goods; no relief on inputs is stated.")),
         Code("partial", N_("Partial relief"), N_("Reduced duty rates rather than an exemption.")),
         Code("standard", N_("Standard"), N_("The country's general customs duties apply."))),
        families=(frozenset({"exempt", "exempt_for_exports"}),
                  frozenset({"capital_goods_exempt", "partial"})),
        computed_from="customs",
        takes_hand_cells=True,
    ),
    Dimension(
        "vat", N_("VAT and indirect taxes"), UNCTAD_WIR + ": fiscal incentives",
        (Code("exempt", N_("Exempt or zero-rated"),
              N_("No VAT on imported capital goods or on supplies to the zone (exempt, suspended or "
                 "zero-rated).")),
         Code("reduced", N_("Reduced"), N_("A reduced VAT rate.")),
         Code("standard", N_("Standard"), N_("The general VAT or sales taxes apply."))),
        families=(frozenset({"exempt", "reduced"}),),
        computed_from="vat",
        takes_hand_cells=True,
    ),
    Dimension(
        "property_land", N_("Property and land taxes"), UNCTAD_WIR + ": land access and fiscal incentives",
        (Code("property_and_land", N_("Property and land tax holiday"),
              N_("Property tax and land tax exempt for some years.")),
         Code("property_only", N_("Property tax holiday"),
              N_("Property tax exempt for some years; no land-tax relief is stated.")),
         Code("land_only", N_("Land tax holiday"),
              N_("Land tax exempt for some years; no property-tax relief is stated.")),
         Code("standard", N_("Standard"), N_("The general property and land taxes apply."))),
        families=(frozenset({"property_and_land", "property_only", "land_only"}),),
        computed_from="property_tax, land_tax",
    ),
    Dimension(
        "one_stop_shop", N_("One-stop shop"), UNCTAD_WIR + ": administrative streamlining",
        (Code("available", N_("Available"),
              N_("A one-stop shop handles investors' permits and registrations.")),
         Code("not_available", N_("Not available"), N_("No one-stop shop."))),
        takes_hand_cells=True,
    ),
    Dimension(
        "labour", N_("Labour"), UNCTAD_WIR + ": employment rules",
        (Code("payroll_relief", N_("Lower social contributions"),
              N_("Reduced employer social contributions for some years.")),
         Code("employment_credit", N_("Employment incentive"), N_("A tax credit or incentive per employee.")),
         Code("foreign_staff_rules", N_("Foreign staff"),
              N_("Easier rules or lower levies for foreign workers."))),
        families=(frozenset({"payroll_relief", "employment_credit", "foreign_staff_rules"}),),
        computed_from="payroll",
        takes_hand_cells=True,
    ),
    Dimension(
        "foreign_exchange", N_("Foreign exchange and repatriation"), UNCTAD_WIR + ": regulatory incentives",
        (Code("full_repatriation", N_("Full repatriation"),
              N_("Capital and profits may be repatriated in full.")),
         Code("proceeds_abroad", N_("Proceeds kept abroad"), N_("Export proceeds may be kept abroad.")),
         Code("withholding_exempt", N_("No withholding tax"),
              N_("No withholding tax on profits paid abroad.")),
         Code("withholding_reduced", N_("Reduced withholding tax"),
              N_("A reduced withholding tax on dividends paid abroad."))),
        families=(frozenset({"full_repatriation", "proceeds_abroad", "withholding_exempt",
                             "withholding_reduced"}),),
        takes_hand_cells=True,
    ),
    Dimension(
        "stability", N_("Stability clause"), UNCTAD_IPFSD,
        (Code("guaranteed", N_("Guaranteed"), N_("The law guarantees the incentives until a stated date.")),
         Code("grandfathered", N_("Grandfathered"),
              N_("Earlier entrants keep their terms when the law changes."))),
        families=(frozenset({"guaranteed", "grandfathered"}),),
        takes_hand_cells=True,
    ),
    Dimension(
        "dispute_settlement", N_("Dispute settlement"), UNCTAD_IPFSD,
        (Code("international_arbitration", N_("International arbitration"),
              N_("Investors may take disputes to international arbitration.")),
         Code("zone_court", N_("Zone court"),
              N_("A court or arbitration centre of the zone hears disputes.")),
         Code("domestic_courts", N_("Domestic courts"), N_("Disputes go to the ordinary domestic courts."))),
        takes_hand_cells=True,
    ),
    Dimension(
        "export_contingency", N_("WTO: export contingency"), "WTO ASCM Art. 3.1(a)",
        (Code("export_contingent", N_("Export-contingent"),
              N_("Part of the relief depends on exporting (ASCM Art. 3.1(a)).")),
         Code("not_export_contingent", N_("Not export-contingent"),
              N_("The relief does not depend on exporting.")),
         NO_RELIEF),
        families=(frozenset({"not_export_contingent", "no_relief"}),),
        conflicts=(frozenset({"export_contingent", "not_export_contingent"}),),
        computed_from="cit.income_scope, eligibility.min_export_share, turnover_levy",
        takes_hand_cells=True,
    ),
    Dimension(
        "local_content", N_("WTO: local content"), "WTO ASCM Art. 3.1(b)",
        (Code("local_content", N_("Local-content condition"),
              N_("The relief requires using domestic rather than imported goods (ASCM Art. 3.1(b)).")),
         Code("local_processing", N_("Local-processing condition"),
              N_("The relief requires set production steps to be done in the zone.")),
         Code("no_local_content", N_("No local-content condition"),
              N_("The relief does not depend on using domestic goods.")),
         NO_RELIEF),
        families=(frozenset({"local_content", "local_processing"}),
                  frozenset({"no_local_content", "no_relief"})),
        conflicts=(frozenset({"local_content", "no_local_content"}),),
        computed_from="counterfactual_id (standard regimes only)",
        takes_hand_cells=True,
    ),
    Dimension(
        "pillar_two", N_("Pillar Two exposure"), "OECD/G20 GloBE Model Rules (2021)",
        (Code("exposed_with_qdmtt", N_("Topped up at home"),
              N_("A rate below the 15% minimum; a domestic minimum top-up tax collects the difference from "
                 "large groups.")),
         Code("exposed_without_qdmtt", N_("Topped up abroad"),
              N_("A rate below the 15% minimum and no domestic top-up tax recorded: the parent's country may "
                 "collect it.")),
         Code("not_exposed", N_("Not exposed"), N_("No statutory rate below the 15% minimum."))),
        families=(frozenset({"exposed_with_qdmtt", "exposed_without_qdmtt"}),),
        computed_from="cit, turnover_levy, pillar_two",
    ),
)  # fmt: skip

DIMENSIONS_BY_KEY: dict[str, Dimension] = {dimension.key: dimension for dimension in DIMENSIONS}
HAND_CODED: tuple[str, ...] = tuple(d.key for d in DIMENSIONS if d.takes_hand_cells)
