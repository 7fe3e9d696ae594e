// In-memory ports for tests and benches: createInMemoryPorts() wires them on one fake clock.
import type { SessionPorts } from '../ports';
import { FakeClock, SequenceRandom } from './clock';
import { InMemoryLegs, type LegScript } from './legs';
import { InMemoryMedia } from './media';
import { InMemoryQueue } from './queue';
import { InMemoryCallbacks, InMemoryFlows, InMemoryHttp, InMemoryRecords, InMemorySms, type HttpScript } from './services';
import type { LegRequest } from '../../interpreter';

export * from './clock';
export * from './legs';
export * from './media';
export * from './queue';
export * from './services';

export interface InMemoryPortsOptions {
  start?: number;
  promptMs?: number;
  recordMs?: number;
  legs?: (target: LegRequest['target']) => LegScript;
  http?: HttpScript;
  /** Do not keep logs of plays and paths (load tests). */
  quiet?: boolean;
}

export type InMemoryPorts = SessionPorts & {
  clock: FakeClock;
  media: InMemoryMedia;
  legs: InMemoryLegs;
  http: InMemoryHttp;
  sms: InMemorySms;
  callbacks: InMemoryCallbacks;
  records: InMemoryRecords;
  queue: InMemoryQueue;
  flows: InMemoryFlows;
};

export function createInMemoryPorts(options: InMemoryPortsOptions = {}): InMemoryPorts {
  const clock = new FakeClock(options.start);
  return {
    clock,
    random: new SequenceRandom(),
    media: new InMemoryMedia(clock, { promptMs: options.promptMs, recordMs: options.recordMs, log: !options.quiet }),
    legs: new InMemoryLegs(clock, options.legs),
    http: new InMemoryHttp(clock, options.http),
    sms: new InMemorySms(),
    callbacks: new InMemoryCallbacks(),
    records: new InMemoryRecords(!options.quiet),
    queue: new InMemoryQueue(clock),
    flows: new InMemoryFlows(),
  };
}
