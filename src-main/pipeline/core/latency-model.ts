import type { PipelinePayload } from '../../../src-shared/events/catalog';
import { isoMillis } from '../../../src-shared/events/pipeline-event';
import { ActionQueue, type Action } from './action-queue';
import type { TradingCoreConfig } from './config';

/**
 * The wire between the OMS and the venue: entry latency (an order reaches the venue later than it
 * left), cancel latency (never before the order itself arrived), and ack faults (a dropped ack, an
 * ack slower than the timeout). It owns which orders have arrived and when each is due.
 */
export class LatencyModel {
  private readonly queue = new ActionQueue();
  private readonly arrivalDue = new Map<string, number>();
  private readonly arrivedIds = new Set<string>();

  constructor(private readonly fm: TradingCoreConfig['fillModel']) {}

  get ackTimeoutMs(): number {
    return this.fm.ackTimeoutMs;
  }

  /** Sends an order: schedules its arrival (unless its ack is to be dropped) and its ack timeout; the `broker.submit` payload. */
  send(orderId: string, nowMs: number): PipelinePayload<'broker.submit'> {
    const dropped = this.fm.dropAckOrderIds.includes(orderId);
    const arrives = nowMs + this.fm.submitLatencyMs;
    if (!dropped) {
      this.arrivalDue.set(orderId, arrives);
      this.queue.schedule({ kind: 'arrive', due: arrives, orderId });
    }
    if (this.fm.ackTimeoutMs > 0 && (dropped || this.fm.submitLatencyMs > this.fm.ackTimeoutMs)) {
      this.queue.schedule({ kind: 'ack_timeout', due: nowMs + this.fm.ackTimeoutMs, orderId });
    }
    return {
      order_id: orderId,
      latency_ms: this.fm.submitLatencyMs,
      arrives_at: dropped ? null : isoMillis(arrives),
      fault: dropped ? 'DROP_ACK' : null,
    };
  }

  /** Sends a cancel: it lands after its latency, and never before the order itself. The `broker.cancel_request` fields. */
  sendCancel(orderId: string, why: string, nowMs: number): { latency_ms: number; arrives_at: string } {
    const due = Math.max(nowMs + this.fm.cancelLatencyMs, this.arrivalDue.get(orderId) ?? 0);
    this.queue.schedule({ kind: 'cancel', due, orderId, why });
    return { latency_ms: this.fm.cancelLatencyMs, arrives_at: isoMillis(due) };
  }

  markArrived(orderId: string): void {
    this.arrivedIds.add(orderId);
  }

  arrived(orderId: string): boolean {
    return this.arrivedIds.has(orderId);
  }

  takeDue(nowMs: number): Action | undefined {
    return this.queue.takeDue(nowMs);
  }
}
