// The demo flow: the schemas engineer's fixture, the one the runtime and editor tests use too.
import demo from '../../tests/fixtures/flows/good/demo.json';

export const DEMO_FLOW_DOCUMENT = demo as unknown as Record<string, unknown>;
