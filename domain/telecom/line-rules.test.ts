import { renderText } from '../i18n/messages';
import { linePrices, offerRefusal, optionsAdded, optionsChange, planChange, statusChange, type LineFacts, type Outcome } from './line-rules';
import { isoDate, normaliseLineNumber } from './line.schema';
import type { OfferFacts } from './offer.schema';

const BRAND = '00000000-0000-4000-8000-00000000b001';
const OTHER_BRAND = '00000000-0000-4000-8000-00000000b002';

const offer = (id: string, over: Partial<OfferFacts> = {}): OfferFacts => ({
  catalogueItemId: id, kind: 'plan', name: `Offre ${id}`, active: true, brandId: null, fleetType: 'mobile', operatorKey: 'orange',
  salePriceCents: 2000, purchasePriceCents: 1200, ...over,
});
const line = (over: Partial<LineFacts> = {}): LineFacts => ({
  status: 'active', planId: 'p1', optionIds: [], fleetType: 'mobile', fleetOperatorKey: 'orange', brandId: BRAND, activatedOn: '2026-01-10', ...over,
});
const reason = (o: Outcome<unknown>): string => (o.ok ? 'ok' : renderText(o.refusal.message, 'fr'));
const code = (o: Outcome<unknown>): string => (o.ok ? 'ok' : o.refusal.message.code);

describe('line rules (spec 002 §5.3)', () => {
  describe('plan change', () => {
    it('moves the line to another plan of its fleet type, operator and brand', () => {
      expect(planChange(line(), offer('p2', { brandId: BRAND }), 'p2')).toEqual({ ok: true, change: { planId: 'p2' } });
    });

    it('changes nothing when the line is on that plan already (a re-run is harmless)', () => {
      expect(planChange(line(), offer('p1'), 'p1')).toEqual({ ok: true, change: null });
    });

    it('refuses a terminated line, with the reason in French and English', () => {
      const outcome = planChange(line({ status: 'terminated' }), offer('p2'), 'p2');
      expect(code(outcome)).toBe('telecom.lines.terminated');
      expect(reason(outcome)).toBe('La ligne est résiliée : son forfait et ses options ne changent plus.');
      expect(outcome.ok ? '' : renderText(outcome.refusal.message, 'en')).toBe('The line is terminated: its plan and options no longer change.');
    });

    it('refuses a plan of another fleet type or operator, naming both fleets', () => {
      expect(reason(planChange(line(), offer('p2', { fleetType: 'internet', operatorKey: 'alphalink', name: 'Fibre 1 Gb/s' }), 'p2')))
        .toBe('« Fibre 1 Gb/s » est une offre Internet / Alphalink, la ligne est sur un parc Mobile / Orange.');
      expect(code(planChange(line(), offer('p2', { operatorKey: 'sfr' }), 'p2'))).toBe('telecom.lines.offer-other-fleet');
    });

    it('refuses another brand\'s plan, an option, an inactive or unknown item', () => {
      expect(code(planChange(line(), offer('p2', { brandId: OTHER_BRAND }), 'p2'))).toBe('telecom.lines.offer-other-brand');
      expect(code(planChange(line(), offer('p2', { kind: 'option' }), 'p2'))).toBe('telecom.lines.not-a-plan');
      expect(code(planChange(line(), offer('p2', { active: false }), 'p2'))).toBe('telecom.lines.offer-inactive');
      expect(code(planChange(line(), undefined, 'p2'))).toBe('telecom.lines.no-such-plan');
    });

    it('lets a plan for every brand go on a line of any brand, or of none', () => {
      expect(offerRefusal(line({ brandId: null }), offer('p2'), 'plan', 'planId')).toBeNull();
    });
  });

  describe('options', () => {
    const offers = new Map([
      ['o1', offer('o1', { kind: 'option', salePriceCents: 500, purchasePriceCents: 200 })],
      ['o2', offer('o2', { kind: 'option', fleetType: 'fixed', operatorKey: '3cx' })],
      ['p9', offer('p9')],
    ]);

    it('adds an option once, keeping those the line has', () => {
      expect(optionsAdded(line({ optionIds: ['o0'] }), ['o1', 'o1'], offers)).toEqual({ ok: true, change: { optionIds: ['o0', 'o1'] } });
      expect(optionsAdded(line({ optionIds: ['o1'] }), ['o1'], offers)).toEqual({ ok: true, change: null });
    });

    it('refuses an option of another fleet, a plan given as an option, a line without plan or terminated', () => {
      expect(code(optionsAdded(line(), ['o2'], offers))).toBe('telecom.lines.offer-other-fleet');
      expect(code(optionsAdded(line(), ['p9'], offers))).toBe('telecom.lines.not-an-option');
      expect(code(optionsAdded(line({ planId: null }), ['o1'], offers))).toBe('telecom.lines.option-needs-plan');
      expect(code(optionsAdded(line({ status: 'terminated' }), ['o1'], offers))).toBe('telecom.lines.terminated');
    });

    it('takes options off without checking the catalogue again', () => {
      expect(optionsChange(line({ optionIds: ['gone', 'o1'] }), ['o1'], offers)).toEqual({ ok: true, change: { optionIds: ['o1'] } });
    });
  });

  describe('status', () => {
    it('activates a pending line on the day given, and dates the first activation only', () => {
      expect(statusChange(line({ status: 'pending', activatedOn: null }), 'active', '2026-12-05'))
        .toEqual({ ok: true, change: { status: 'active', activatedOn: '2026-12-05' } });
      expect(statusChange(line({ status: 'suspended' }), 'active', '2026-12-05')).toEqual({ ok: true, change: { status: 'active' } });
    });

    it('suspends and terminates, dating the termination', () => {
      expect(statusChange(line(), 'suspended', '2026-12-05')).toEqual({ ok: true, change: { status: 'suspended' } });
      expect(statusChange(line(), 'terminated', '2026-12-05')).toEqual({ ok: true, change: { status: 'terminated', terminatedOn: '2026-12-05' } });
    });

    it('refuses what a line cannot become, with both statuses in words', () => {
      expect(reason(statusChange(line({ status: 'terminated' }), 'active', '2026-12-05'))).toBe('Une ligne résiliée ne peut pas devenir active.');
      expect(code(statusChange(line({ status: 'pending' }), 'suspended', '2026-12-05'))).toBe('telecom.lines.status-transition');
      expect(code(statusChange(line({ status: 'pending', planId: null, activatedOn: null }), 'active', '2026-12-05'))).toBe('telecom.lines.status-needs-plan');
      expect(code(statusChange(line(), 'terminated', '2026-01-01'))).toBe('telecom.lines.date-before-activation');
    });

    it('changes nothing when the line has that status already', () => {
      expect(statusChange(line({ status: 'suspended' }), 'suspended', '2026-12-05')).toEqual({ ok: true, change: null });
    });
  });

  it('prices a line from its plan and options; the purchase price is unknown while none has one', () => {
    const plan = offer('p1', { salePriceCents: 2500, purchasePriceCents: 1400 });
    const option = offer('o1', { kind: 'option', salePriceCents: 500, purchasePriceCents: null });
    expect(linePrices(plan, [option])).toEqual({ salePriceCents: 3000, purchasePriceCents: 1400 });
    expect(linePrices(undefined, [option])).toEqual({ salePriceCents: 500, purchasePriceCents: null });
    expect(linePrices(undefined, [])).toEqual({ salePriceCents: 0, purchasePriceCents: null });
  });
});

describe('line fields', () => {
  it('stores phone numbers in E.164 and other services\' identifiers as typed', () => {
    expect(normaliseLineNumber('mobile', '06 12 34 56 78')).toBe('+33612345678');
    expect(normaliseLineNumber('fixed', '02 97 64 12 00')).toBe('+33297641200');
    expect(normaliseLineNumber('mobile', '12')).toBeNull();
    expect(normaliseLineNumber('internet', ' ALK-FTTH-000123 ')).toBe('ALK-FTTH-000123');
  });

  it('takes only days that exist', () => {
    expect(isoDate.safeParse('2026-02-28').success).toBe(true);
    expect(isoDate.safeParse('2026-02-30').success).toBe(false);
    expect(isoDate.safeParse('05/12/2026').success).toBe(false);
  });
});
