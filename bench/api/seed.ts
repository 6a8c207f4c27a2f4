import pg from 'pg';

/**
 * Bulk data for the API benchmark, generated inside PostgreSQL with
 * INSERT … SELECT generate_series (as the owner connection, which bypasses
 * row-level security), so 100,000 accounts take seconds rather than minutes.
 * random() is seeded, so two runs build the same data.
 */

const TRADES = [
  'Boulangerie', 'Pâtisserie', 'Garage', 'Cabinet', 'Pharmacie', 'Restaurant', 'Hôtel', 'Boucherie', 'Charcuterie',
  'Fromagerie', 'Librairie', 'Fleuriste', 'Plomberie', 'Électricité', 'Menuiserie', 'Transports', 'Immobilière',
  'Agence', 'Clinique vétérinaire', 'Salon de coiffure', 'Institut', 'Camping', 'Crêperie', 'Brasserie', 'Café',
  'Épicerie', 'Cave', 'Auto-école', 'Taxi', 'Ambulances', 'Maçonnerie', 'Couverture', 'Peinture', 'Paysagiste',
  'Architecte', 'Étude notariale', 'Expert-comptable', 'Cabinet médical', 'Laboratoire', 'Imprimerie',
  'Informatique', 'SARL', 'SAS', 'EURL', 'Société', 'Atelier', 'Ferme', 'Domaine', 'Carrosserie', 'Opticien',
];

export const SURNAMES = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon',
  'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont',
  'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer',
  'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia', 'Perrin', 'Robin', 'Clément', 'Morin',
  'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson', 'Marchand', 'Duval', 'Denis', 'Dumont', 'Lemaire',
  'Noël', 'Meyer', 'Dufour', 'Meunier', 'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet',
  'Gaillard', 'Barbier', 'Arnaud', 'Martinez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin',
  'Vidal', 'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier',
  'Philippe', 'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Payet', 'Rolland', 'Leclercq', 'Guillaume',
  'Lecomte', 'Lopez', 'Dupuy', 'Guillot', 'Hubert', 'Berger', 'Carpentier', 'Sanchez', 'Dupuis', 'Moulin', 'Louis',
  'Deschamps', 'Huet', 'Vasseur', 'Perez', 'Boucher', 'Fleury', 'Royer', 'Klein', 'Jacquet', 'Adam', 'Poirier',
  'Marty', 'Aubry', 'Guyot', 'Carré', 'Charles', 'Renault', 'Charpentier', 'Ménard', 'Maillard', 'Baron', 'Bertin',
  'Bailly', 'Hervé', 'Schneider', 'Fernandez', 'Le Gall', 'Collet', 'Léger', 'Bouvier', 'Julien', 'Prévost',
  'Millet', 'Perrot', 'Daniel', 'Le Roux', 'Cousin', 'Germain', 'Breton', 'Besson', 'Langlois', 'Rémy', 'Le Goff',
  'Pelletier', 'Lévêque', 'Perrier', 'Leblanc', 'Barré', 'Lebrun', 'Marchal', 'Weber', 'Mallet', 'Hamon', 'Jacob',
  'Monnier', 'Michaud', 'Rodriguez', 'Guichard', 'Gillet', 'Étienne', 'Poulain', 'Tessier', 'Chauvin', 'Da Silva',
  'Bouchet', 'Lemaître', 'Bénard', 'Maréchal', 'Humbert', 'Reynaud', 'Antoine', 'Perret', 'Barthélemy', 'Cordier',
  'Pichon', 'Lejeune', 'Gilbert', 'Lamy', 'Delaunay', 'Pasquier', 'Carlier', 'Laporte', 'Kerjean', 'Le Bihan',
  'Morvan', 'Guillou', 'Le Dantec', 'Kerlann', 'Le Bras', 'Tanguy', 'Le Floch', 'Le Corre', 'Riou', 'Cadiou',
  'Quéré', 'Jaouen', 'Le Meur', 'Prigent', 'Gourvès', 'Kervella', 'Le Berre', 'Salaün', 'Caradec', 'Le Moal',
];

const SUFFIXES = ['', '', '', '', '', ' & Fils', ' & Associés', ' Frères', ' et Cie', ' SARL'];

/** City, postal code; the first ones come up far more often (skewed pick). */
export const CITIES: Array<[string, string]> = [
  ['Paris', '75011'], ['Rennes', '35000'], ['Nantes', '44000'], ['Brest', '29200'], ['Quimper', '29000'],
  ['Lorient', '56100'], ['Vannes', '56000'], ['Saint-Brieuc', '22000'], ['Lyon', '69003'], ['Marseille', '13001'],
  ['Bordeaux', '33000'], ['Lille', '59000'], ['Toulouse', '31000'], ['Angers', '49000'], ['Le Mans', '72000'],
  ['Saint-Malo', '35400'], ['Morlaix', '29600'], ['Concarneau', '29900'], ['Auray', '56400'], ['Ploërmel', '56800'],
  ['Lannion', '22300'], ['Dinan', '22100'], ['Fougères', '35300'], ['Vitré', '35500'], ['Redon', '35600'],
  ['Saint-Nazaire', '44600'], ['La Baule', '44500'], ['Pornic', '44210'], ['Crozon', '29160'], ['Douarnenez', '29100'],
  ['Landerneau', '29800'], ['Pontivy', '56300'], ['Guingamp', '22200'], ['Quimperlé', '29300'], ['Carhaix', '29270'],
  ['Laval', '53000'], ['Caen', '14000'], ['Rouen', '76000'], ['Tours', '37000'], ['Poitiers', '86000'],
  ['La Rochelle', '17000'], ['Niort', '79000'], ['Cholet', '49300'], ['Montpellier', '34000'], ['Nice', '06000'],
  ['Strasbourg', '67000'], ['Dijon', '21000'], ['Grenoble', '38000'], ['Clermont-Ferrand', '63000'], ['Limoges', '87000'],
];

const STREETS = [
  'rue de la République', 'rue Jean Jaurès', 'avenue de la Gare', 'place de l\'Église', 'rue du Port', 'quai des Indes',
  'rue Victor Hugo', 'boulevard Pasteur', 'rue de Brest', 'rue Nationale', 'allée des Tilleuls', 'route de Quimper',
  'rue Saint-Michel', 'impasse des Mouettes', 'rue des Halles', 'chemin du Moulin',
];

const FIRST_NAMES = [
  'Jean', 'Marie', 'Pierre', 'Sophie', 'Nicolas', 'Isabelle', 'Julien', 'Nathalie', 'Thomas', 'Céline', 'Yann',
  'Gwenaëlle', 'Loïc', 'Anne', 'Erwan', 'Maëlle', 'François', 'Catherine', 'Hervé', 'Sandrine', 'Christophe', 'Valérie',
  'Sébastien', 'Aurélie', 'Olivier', 'Émilie', 'Stéphane', 'Hélène', 'Benoît', 'Claire', 'Mathieu', 'Camille', 'Ronan',
  'Katell', 'Gaël', 'Solène', 'Damien', 'Laëtitia', 'Jérôme', 'Élodie', 'Frédéric', 'Pauline', 'Guillaume', 'Chloé',
  'Patrick', 'Martine', 'Alain', 'Brigitte', 'Philippe', 'Sylvie', 'Cédric', 'Manon', 'Tanguy', 'Soizic', 'Goulven',
];

const JOB_TITLES = [
  'Gérant', 'Gérante', 'Directeur', 'Directrice administrative', 'Responsable informatique', 'Comptable',
  'Assistante de direction', 'Responsable achats', 'Chef d\'atelier', 'Secrétaire', 'Président', 'Responsable technique',
];

export interface SeedCounts {
  accounts: number;
  contacts: number;
}

/**
 * Adds `count` accounts (numbered after the tenant's existing ones) and about
 * 1.2 contacts per account to one tenant, then moves its account counter on,
 * so accounts created through the API continue the numbering.
 */
export async function bulkSeedTenant(client: pg.Client, tenantSlug: string, count: number, seed: number): Promise<SeedCounts> {
  const tenant = await client.query<{ id: string }>('select id from tenants where slug = $1', [tenantSlug]);
  if (!tenant.rows[0]) throw new Error(`No tenant "${tenantSlug}": the demo seed did not run.`);
  const tenantId = tenant.rows[0].id;
  const staff = await client.query<{ id: string; support: boolean }>(
    `select u.id, bool_or(r.key like 'support%' or r.key = 'technician') as support
       from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
      where u.tenant_id = $1 and u.type = 'internal' group by u.id order by u.id`, [tenantId]);
  const owners = staff.rows.map((r) => r.id);
  const supports = staff.rows.filter((r) => r.support).map((r) => r.id);
  if (supports.length === 0) supports.push(...owners);
  if (owners.length === 0) throw new Error(`Tenant "${tenantSlug}" has no internal user to own accounts.`);

  await client.query('select setseed($1)', [seed]);
  const accounts = await client.query(`
    insert into accounts (tenant_id, number, name, legal_name, siren, siret, status, owner_id, support_user_id,
      email, phone, website, address_line1, postal_code, city, country, payment_terms_days, credit_limit_cents,
      created_by, created_at, updated_at)
    select $1::uuid, base.start + g.i, g.name, g.name, g.siren, g.siren || lpad((g.i % 99999)::text, 5, '0'),
      g.status, g.owner_id, g.support_user_id,
      'contact' || (base.start + g.i) || '@' || lower(regexp_replace(f_unaccent(g.surname), '[^A-Za-z]', '', 'g')) || '.fr',
      '+33' || (1 + floor(g.r_phone * 5))::int || lpad(floor(g.r_digits * 100000000)::int::text, 8, '0'),
      case when g.r_web < 0.4 then 'https://www.' || lower(regexp_replace(f_unaccent(g.surname), '[^A-Za-z]', '', 'g')) || '.fr' end,
      (1 + floor(g.r_street_no * 120))::int || ' ' || ($4::text[])[1 + floor(g.r_street * array_length($4::text[], 1))::int],
      ($3::text[])[2 * g.city_idx + 2], ($3::text[])[2 * g.city_idx + 1], 'FR',
      (array[30, 30, 45, 60])[1 + floor(g.r_terms * 4)::int], (floor(g.r_credit * 100) * 100000)::bigint,
      g.owner_id, g.created_at, g.created_at + (now() - g.created_at) * g.r_updated
    from (select coalesce(max(number), 0) as start from accounts where tenant_id = $1::uuid) base,
    lateral (
      select s.i, s.surname, s.siren, s.owner_id, s.support_user_id, s.city_idx, s.created_at,
             s.r_phone, s.r_digits, s.r_web, s.r_street_no, s.r_street, s.r_terms, s.r_credit, s.r_updated,
             case when s.r_pattern < 0.12 then ($2::text[])[1 + floor(s.r_trade * array_length($2::text[], 1))::int] || ' de ' || ($3::text[])[2 * s.city_idx + 1]
                  else ($2::text[])[1 + floor(s.r_trade * array_length($2::text[], 1))::int] || ' ' || s.surname ||
                       ($5::text[])[1 + floor(s.r_suffix * array_length($5::text[], 1))::int]
             end as name,
             case when s.r_status < 0.60 then 'active' when s.r_status < 0.85 then 'prospect'
                  when s.r_status < 0.95 then 'suspended' else 'closed' end as status
      from (
        select i,
          ($6::text[])[1 + floor(random() * array_length($6::text[], 1))::int] as surname,
          lpad(floor(random() * 1000000000)::bigint::text, 9, '0') as siren,
          ($7::uuid[])[1 + floor(random() * array_length($7::uuid[], 1))::int] as owner_id,
          case when random() < 0.3 then ($8::uuid[])[1 + floor(random() * array_length($8::uuid[], 1))::int] end as support_user_id,
          -- squared: the first cities of the list are the busiest
          floor(power(random(), 2) * (array_length($3::text[], 1) / 2))::int as city_idx,
          now() - random() * interval '5 years' as created_at,
          random() as r_phone, random() as r_digits, random() as r_web, random() as r_street_no, random() as r_street,
          random() as r_terms, random() as r_credit, random() as r_updated, random() as r_pattern, random() as r_trade,
          random() as r_suffix, random() as r_status
        from generate_series(1, $9::int) as i
        offset 0
      ) s
    ) g`,
  [tenantId, TRADES, CITIES.flat(), STREETS, SUFFIXES, SURNAMES, owners, supports, count]);

  const contacts = await client.query(`
    insert into contacts (tenant_id, account_id, first_name, last_name, job_title, email, phone, mobile, created_by, created_at, updated_at)
    select a.tenant_id, a.id, c.first_name, c.last_name, c.job_title,
      lower(regexp_replace(f_unaccent(c.first_name || '.' || c.last_name), '[^A-Za-z.]', '', 'g')) || '@' ||
        coalesce(substring(a.email from '@(.*)$'), 'exemple.fr'),
      '+33' || (1 + floor(c.r1 * 5))::int || lpad(floor(c.r2 * 100000000)::int::text, 8, '0'),
      case when c.r3 < 0.7 then '+33' || (6 + floor(c.r4 * 2))::int || lpad(floor(c.r5 * 100000000)::int::text, 8, '0') end,
      a.owner_id, a.created_at, a.updated_at
    from accounts a
    cross join lateral generate_series(1, case when a.number % 5 = 0 then 2 else 1 end) as k
    cross join lateral (
      select ($2::text[])[1 + floor(random() * array_length($2::text[], 1))::int + 0 * k] as first_name,
             ($3::text[])[1 + floor(random() * array_length($3::text[], 1))::int + 0 * k] as last_name,
             ($4::text[])[1 + floor(random() * array_length($4::text[], 1))::int + 0 * k] as job_title,
             random() + 0 * k as r1, random() + 0 * k as r2, random() + 0 * k as r3, random() + 0 * k as r4, random() + 0 * k as r5
    ) c
    where a.tenant_id = $1::uuid and a.number > $5::int`,
  [tenantId, FIRST_NAMES, SURNAMES, JOB_TITLES, await accountsBefore(client, tenantId, accounts.rowCount ?? 0)]);

  await client.query(`
    insert into tenant_counters (tenant_id, name, value)
    select $1::uuid, 'account', coalesce(max(number), 0) from accounts where tenant_id = $1::uuid
    on conflict (tenant_id, name) do update set value = excluded.value`, [tenantId]);
  // The names' logged words into the typo search's dictionary at once, as the every-minute fold would (ADR 0040).
  await client.query('select search_words_fold($1::uuid)', [tenantId]);
  return { accounts: accounts.rowCount ?? 0, contacts: contacts.rowCount ?? 0 };
}

/** The number after which the accounts just inserted start. */
async function accountsBefore(client: pg.Client, tenantId: string, inserted: number): Promise<number> {
  const r = await client.query<{ max: number }>('select coalesce(max(number), 0)::int as max from accounts where tenant_id = $1', [tenantId]);
  return r.rows[0]!.max - inserted;
}
