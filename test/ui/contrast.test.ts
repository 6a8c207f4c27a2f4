import { contrastRatio, darkenToContrast, readableOn } from '../../ui/src/shell/contrast';
import { DEMO_TENANTS } from '../../db/seeds/demo-tenants';

describe('brand colour contrast', () => {
  it('measures the WCAG ratio: 21 for black on white, 1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#7B1FA2', '#7B1FA2')).toBe(1);
  });

  it('puts black text on light brand colours and white text on dark ones', () => {
    expect(readableOn('#F9A825')).toBe('#000000');
    expect(readableOn('#00ACC1')).toBe('#000000');
    expect(readableOn('#0D47A1')).toBe('#ffffff');
  });

  it('gives every demo organisation readable text on its colours and a primary readable as text on the page', () => {
    for (const { slug, branding } of DEMO_TENANTS) {
      const primary = darkenToContrast(branding.primaryColor, '#f5f6f8');
      expect({ slug, primaryAsText: contrastRatio(primary, '#f5f6f8') >= 4.5 }).toEqual({ slug, primaryAsText: true });
      for (const colour of [primary, branding.secondaryColor]) {
        expect({ slug, colour, readable: contrastRatio(colour, readableOn(colour)) >= 4.5 }).toEqual({ slug, colour, readable: true });
      }
    }
  });

  it('leaves a brand colour that already reads unchanged and darkens one that does not', () => {
    expect(darkenToContrast('#0D47A1', '#ffffff')).toBe('#0D47A1');
    const darkened = darkenToContrast('#FFB300', '#ffffff');
    expect(darkened).not.toBe('#FFB300');
    expect(contrastRatio(darkened, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
