import type { Knex } from 'knex';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { seedBrandMailDemo } from './brands-mail.demo';

/** Colours of the demo's brands, in order of their names (each readable with white text). */
const PALETTE: ReadonlyArray<[string, string]> = [['#0D47A1', '#FFB300'], ['#6A1B9A', '#26A69A'], ['#BF360C', '#37474F'], ['#1B5E20', '#F9A825']];

/** A small square logo in the brand's primary colour (PNG), so the demo shows one without a file to upload. */
function squareLogo(hex: string): Buffer {
  // A 1×1 PNG of that colour: signature, IHDR, IDAT (zlib-stored), IEND with their CRCs.
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (buf: Buffer) => { let c = 0xffffffff; for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0); body.copy(out, 4); out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const raw = Buffer.from([0, r, g, b]);
  const adler = (((1 + r + g + b) % 65521) + (((4 * 1 + 3 * r + 2 * g + b) % 65521) << 16)) >>> 0;
  const zlib = Buffer.concat([Buffer.from([0x78, 0x01, 0x01, raw.length, 0, (~raw.length) & 0xff, 0xff]), raw, Buffer.from([adler >>> 24, (adler >>> 16) & 0xff, (adler >>> 8) & 0xff, adler & 0xff])]);
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(1, 0); ihdr.writeUInt32BE(1, 4); ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * The brands' demo (ADR 0046): branding for the brands the hierarchy's demo made, and a partner user per brand —
 * `partner@<tenant>.demo` bound to the first brand, `partner-<brand key>@<tenant>.demo` to each other one (the
 * demo password). Idempotent: what a person changed stays.
 */
export async function seedBrandsDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  const brands: Array<{ id: string; key: string; name: string }> = await admin('telecomBrands').where({ tenantId: tenant.tenantId }).orderBy(['name', 'id']).select('id', 'key', 'name');
  if (!brands.length) return;
  await admin('telecomBrandBrandings').insert(brands.map((b, i) => {
    const [primary, secondary] = PALETTE[i % PALETTE.length]!;
    return { brandId: b.id, tenantId: tenant.tenantId, primaryColor: primary, secondaryColor: secondary, mailSenderName: b.name, logo: squareLogo(primary), logoContentType: 'image/png' };
  })).onConflict('brandId').ignore();
  await seedBrandMailDemo(admin, tenant.tenantId);

  const partnerId = tenant.userIds.partner;
  if (!partnerId) return;
  const partner = await admin('users').where({ id: partnerId }).first('passwordHash');
  const role = await admin('roles').where({ tenantId: tenant.tenantId, key: 'partner' }).first('id');
  for (const [i, brand] of brands.entries()) {
    let userId = partnerId;
    if (i > 0) {
      const email = `partner-${brand.key}@${tenant.slug}.demo`;
      const existing = await admin('users').where({ tenantId: tenant.tenantId }).whereRaw('lower(email) = ?', [email]).first('id');
      userId = existing?.id ?? (await admin('users').insert({ tenantId: tenant.tenantId, email, displayName: `Partenaire ${brand.name}`, type: 'partner', passwordHash: partner.passwordHash }).returning('id'))[0].id;
      if (role) await admin('userRoles').insert({ tenantId: tenant.tenantId, userId, roleId: role.id }).onConflict().ignore();
    }
    // A partner already bound (by a person, or an earlier seed) keeps its brands.
    const bound = await admin('telecomBrandUsers').where({ userId }).first('brandId');
    if (!bound) await admin('telecomBrandUsers').insert({ userId, brandId: brand.id, tenantId: tenant.tenantId });
  }
}
