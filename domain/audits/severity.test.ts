import { cvss31BaseScore, parseCvss31, severityOfGrid, severityOfScore } from './severity';
import { maskNetworkAddress, maskSerial, maskText } from './capture-masks';

describe('CVSS 3.1 base score', () => {
  // Examples from FIRST's CVSS v3.1 specification and its calculator.
  test.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1], // CVE-2013-1937 (phpMyAdmin XSS)
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4], // CVE-2013-0375 (MySQL stored SQL injection)
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9], // CVE-2014-0160 (Heartbleed)
    ['CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6],
  ])('%s → %s', (vector, score) => {
    expect(cvss31BaseScore(vector)).toBe(score);
  });

  test('a vector is put in the specification\'s order; a wrong one says what is wrong', () => {
    expect(parseCvss31(' CVSS:3.1/C:H/I:H/A:H/AV:N/AC:L/PR:N/UI:N/S:U')).toEqual({ vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' });
    expect(parseCvss31('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({ problem: 'prefix' });
    expect(parseCvss31('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({ problem: 'metric' });
    expect(parseCvss31('CVSS:3.1/AV:N/AV:N/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({ problem: 'metric' });
    expect(parseCvss31('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H')).toEqual({ problem: 'missing' });
    expect(parseCvss31('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F')).toEqual({ problem: 'metric' });
  });

  test('the qualitative scale', () => {
    expect([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(severityOfScore)).toEqual(['info', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });
});

describe('likelihood × impact grid', () => {
  test('corners, diagonal and symmetry', () => {
    expect(severityOfGrid(1, 1)).toBe('info');
    expect(severityOfGrid(4, 4)).toBe('critical');
    expect(severityOfGrid(2, 2)).toBe('medium');
    expect(severityOfGrid(3, 3)).toBe('high');
    for (let l = 1; l <= 4; l++) for (let i = 1; i <= 4; i++) expect(severityOfGrid(l, i)).toBe(severityOfGrid(i, l));
  });
  test('out of the grid is refused', () => {
    expect(() => severityOfGrid(0, 2)).toThrow(RangeError);
    expect(() => severityOfGrid(2, 5)).toThrow(RangeError);
    expect(() => severityOfGrid(1.5, 2)).toThrow(RangeError);
  });
});

describe('masks of lists', () => {
  test('serials, addresses, names', () => {
    expect(maskSerial('CZJ4821')).toBe('••••4821');
    expect(maskSerial('4821')).toBe('••••');
    expect(maskNetworkAddress('10.0.12.4')).toBe('10.0.••.••');
    expect(maskNetworkAddress('00:1A:2B:3C:4D:5E')).toBe('00:1A:2B:••:••:••');
    expect(maskNetworkAddress('fe80::1')).toBe('fe80:••••');
    expect(maskNetworkAddress('srv-paie-01')).toBe('s•••••');
    expect(maskText('Jean Dupont')).toBe('••••••');
    expect([maskSerial(null), maskNetworkAddress(null), maskText(null)]).toEqual([null, null, null]);
  });
});
