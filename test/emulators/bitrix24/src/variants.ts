/**
 * Switches for portal behaviour that bitrix24.md marks **unconfirmed**, so the product can be tested against each
 * plausible answer. Defaults are listed in README "Deviations and choices".
 */
export interface PortalVariants {
  /**
   * `crm.deal.add` with a STAGE_ID of another funnel or an unknown one (§5.12, unconfirmed): `'first-stage'` puts
   * the deal silently on its funnel's first stage; `'reject'` answers 400 `Invalid value for the "Stage" field`.
   */
  dealAddForeignStage: 'first-stage' | 'reject';
  /** How legacy `crm.X.get/list` print a boolean UF (§5.13: `Y`/`N` per the docs, `1`/`0` per a user report). */
  legacyBooleanUf: 'YN' | '10';
  /**
   * With `IS_MANUAL_OPPORTUNITY=N` (§5.6, formula unconfirmed): OPPORTUNITY = Σ PRICE × QUANTITY; when this is
   * true the tax of `TAX_INCLUDED=N` rows is added on top as well.
   */
  opportunityAddsExcludedTax: boolean;
}

export const DEFAULT_PORTAL_VARIANTS: PortalVariants = {
  dealAddForeignStage: 'first-stage',
  legacyBooleanUf: 'YN',
  opportunityAddsExcludedTax: false,
};
