import { pipelineEvent, type PipelineEventType, type PipelinePayload } from '../../../src-shared/events/catalog';
import { isoMillis, type PipelineEvent } from '../../../src-shared/events/pipeline-event';

/**
 * The events of the step in progress. The facade starts a fresh list per step; every part that emits
 * (the facade, the order routing, the OMS through `events`) appends here, through the catalog.
 */
export class StepLog {
  events: PipelineEvent[] = [];

  begin(): void {
    this.events = [];
  }

  emit<T extends PipelineEventType>(type: T, atMs: number, actor: string, payload: PipelinePayload<T>): void {
    this.events.push(pipelineEvent(type, isoMillis(atMs), actor, payload));
  }
}
