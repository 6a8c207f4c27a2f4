import request from 'supertest';
import { ValidationError } from '../../domain/errors';
import { validateTaskData } from '../../domain/process/tasks-service';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

interface FormSchema {
  type: string;
  title: string;
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  additionalProperties?: boolean;
}

/** The fields the server's validation names when a form is sent empty ([] when empty is fine). */
function refusedWhenEmpty(formKey: string): string[] {
  try {
    validateTaskData({ formKey }, {});
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.problems.map((p) => p.field).sort();
  }
}

/** What the modeler offers: activities with their input fields, registered forms and the organisation's roles. */
describe('process catalogue API', () => {
  let t: TestContext;
  let own: OwnTenant;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = testContext();
    own = await createOwnTenant(t.admin, 'proccat');
    for (const role of ['direction', 'sales', 'client']) token[role] = (await loginAs(t.app, role, own.slug)).accessToken;
  });
  afterAll(() => t.close());

  const get = (who: string) => request(t.app).get('/api/v1/process-catalogue').set('Authorization', `Bearer ${token[who]}`);

  it('lists activities with their inputs, the registered forms and the tenant\'s roles', async () => {
    const res = await get('direction');
    expect(res.status).toBe(200);
    const record = res.body.activities.find((a: { name: string }) => a.name === 'system.record');
    expect(record).toEqual({
      name: 'system.record',
      description: { fr: expect.any(String), en: expect.any(String) },
      inputs: [{ name: 'label', required: true }, { name: 'data', required: false }],
    });
    // An activity that takes any record has no named inputs.
    expect(res.body.activities.find((a: { name: string }) => a.name === 'system.echo').inputs).toEqual([]);
    const sms = res.body.activities.find((a: { name: string }) => a.name === 'comms.sms.send');
    expect(sms.inputs).toEqual(expect.arrayContaining([{ name: 'contactId', required: false }, { name: 'body', required: false }]));
    expect(res.body.forms).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'core.approval', title: { fr: 'Décision', en: 'Decision' } })]));
    const roleKeys = res.body.roles.map((r: { key: string }) => r.key);
    expect(roleKeys).toEqual(expect.arrayContaining(['direction', 'sales', 'client']));
    expect(res.body.roles[0]).toEqual({ key: expect.any(String), labelFr: expect.any(String), labelEn: expect.any(String) });
    // Every internal role reads definitions, so the catalogue too.
    expect((await get('sales')).status).toBe(200);
  });

  it('gives each registered form the JSON Schema of what the server accepts, labels from .describe()', async () => {
    const res = await get('sales');
    expect(res.status).toBe(200);
    const forms = res.body.forms as Array<{ key: string; title: { fr: string; en: string }; schema: FormSchema }>;
    expect(forms.map((f) => f.key)).toEqual(expect.arrayContaining(['core.approval', 'events.create-contract', 'events.sign-contract',
      'events.create-event', 'events.assign-support', 'events.close-event']));
    const contract = forms.find((f) => f.key === 'events.create-contract')!;
    expect(contract.title).toEqual({ fr: 'Créer le contrat', en: 'Create the contract' });
    expect(contract.schema).toMatchObject({
      type: 'object', title: 'Créer le contrat', required: ['totalAmountCents'], additionalProperties: false,
      properties: {
        totalAmountCents: { type: 'integer', minimum: 0, title: 'Montant total (centimes)' },
        amountDueCents: { type: 'integer', title: 'Montant restant à payer (centimes)' },
        contractNotes: { title: 'Notes' },
      },
    });
    expect(contract.schema).not.toHaveProperty('$schema');
    const event = forms.find((f) => f.key === 'events.create-event')!.schema;
    expect(event.properties.startsAt).toMatchObject({ type: 'string', format: 'date-time', title: 'Début' });
    expect(forms.find((f) => f.key === 'events.assign-support')!.schema.properties.supportContactId).toMatchObject({ type: 'string', format: 'uuid' });
    // For every form, the schema's required fields are exactly those the server's validation asks for,
    // and a field the schema does not list is refused, as `additionalProperties: false` says.
    for (const form of forms) {
      expect({ form: form.key, required: [...(form.schema.required ?? [])].sort() }).toEqual({ form: form.key, required: refusedWhenEmpty(form.key) });
      expect(form.schema.additionalProperties).toBe(false);
      expect(() => validateTaskData({ formKey: form.key }, { notAField: 1 })).toThrow(ValidationError);
      for (const [name, property] of Object.entries(form.schema.properties)) expect({ name, title: property.title }).toEqual({ name, title: expect.any(String) });
    }
  });

  it('embeds the form in the task, for whoever may see the task even without the catalogue', async () => {
    const [instance] = await t.admin('processInstances').insert({
      tenantId: own.tenantId, workflowId: `proccat-${own.slug}`, processKey: 'events.lead-to-event', version: 1, businessKey: 'CLIENT-1',
    }).returning('id');
    const [task] = await t.admin('tasks').insert({
      tenantId: own.tenantId, instanceId: instance.id, workflowId: `proccat-${own.slug}`, processKey: 'events.lead-to-event', businessKey: 'CLIENT-1',
      elementId: 'CreateContract', taskKey: 'CreateContract#1', name: 'Créer le contrat', formKey: 'events.create-contract', candidateRoles: ['client'],
    }).returning('id');
    // A client user works the tasks offered to them but does not read process definitions.
    expect((await get('client')).status).toBe(403);
    const detail = await request(t.app).get(`/api/v1/tasks/${task.id}`).set('Authorization', `Bearer ${token.client}`);
    expect(detail.status).toBe(200);
    const catalogue = await get('direction');
    expect(detail.body.form).toEqual(catalogue.body.forms.find((f: { key: string }) => f.key === 'events.create-contract'));
    // What the form says is required is what completing the task asks for (refused before the engine is called).
    const empty = await request(t.app).post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', `Bearer ${token.client}`).send({ amountDueCents: 100 });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ field: 'totalAmountCents', message: 'est obligatoire', code: 'field.required' }]);
    // The list stays light: the form comes with the task itself.
    const list = await request(t.app).get('/api/v1/tasks').set('Authorization', `Bearer ${token.client}`);
    expect(list.body.items.find((x: { id: string }) => x.id === task.id)).not.toHaveProperty('form');
  });

  it('is refused without process.definition.read and without a token', async () => {
    const res = await get('client');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect((await request(t.app).get('/api/v1/process-catalogue')).status).toBe(401);
  });
});
