import { DefaultFailureConverter } from '@temporalio/common';

/**
 * The failure converter of Relais's Temporal clients, workers and workflow
 * bundle (loaded by path: workflows get it through the bundle). A failure's
 * message and stack trace travel in an encoded payload, which the payload
 * codec encrypts like any other payload; failures stored before (the replay
 * fixtures) carry them in clear and decode as they are.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });

/** What `failureConverterPath` of a data converter or a workflow bundle names. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');
