// The typed commands a live call accepts (issue 13 item 5). The SIP-phone path (re-INVITE,
// REFER on an agent's leg) and, later, the runtime API both go through CallControl.execute, so
// every action on one call runs through that call's mailbox, one at a time.

/** Who asked: the phone of an agent on the call, or a command from outside (admin, console). */
export type Actor =
  | { kind: 'agent-phone'; agentId: string | null; legId: string }
  | { kind: 'caller-phone' }
  | { kind: 'command'; userId: string | null };

/**
 * Where a transfer goes: an agent by id or extension, an external number (one of the
 * organisation's own numbers → its flow), a queue group (its available members; strategy from
 * the command, else the call's flow, else simultaneous), a flow ("rubrique"), a directory contact.
 */
export type TransferTarget =
  | { kind: 'agent'; agentId: string }
  | { kind: 'extension'; extension: string }
  | { kind: 'number'; number: string }
  | { kind: 'group'; groupId: string; strategy?: 'simultaneous' | 'cascade' }
  | { kind: 'flow'; flowId: string }
  | { kind: 'contact'; contactId: string };

export type CallCommand =
  | { type: 'hold'; by: Actor }
  | { type: 'resume'; by: Actor }
  | { type: 'transferCold'; target: TransferTarget; by: Actor; progress?: TransferProgress }
  | { type: 'hangup'; by: Actor }
  /** Records both parties into one WAV (call-control/recording.ts); recordStop's detail is the CallRecording id. */
  | { type: 'recordStart'; by: Actor }
  | { type: 'recordStop'; by: Actor }
  // warm transfer ("parler d'abord", warm-transfer.ts): the caller on hold while the agent consults the target
  | { type: 'transferWarm'; target: TransferTarget; by: Actor; progress?: TransferProgress }
  /** The agent alternates between caller and target (`to` absent: the other one). */
  | { type: 'switch'; by: Actor; to?: 'caller' | 'target' }
  | { type: 'complete'; by: Actor }
  | { type: 'retrieve'; by: Actor }
  | { type: 'conference'; by: Actor };

/** SIP-like progress of a transfer (the REFER's NOTIFY sipfrag reports these). */
export interface TransferProgress {
  /** The transfer was accepted and the target is being rung (REFER → 202, NOTIFY 100). */
  accepted?(): void;
  /** Final: 200 when the target answered, else the failure status. */
  finished?(status: number, reason: string): void | Promise<void>;
}

export type CommandResult =
  | { ok: true; detail?: string }
  | { ok: false; status: number; reason: string };

export interface CallControl {
  execute(command: CallCommand): Promise<CommandResult>;
}
