import type { Message } from 'kafkajs';

/**
 * What one step of a stage produces, in the order it must reach Kafka: the messages to other
 * partitions (a part moving away, a registration on the bridge registry) before the changelog
 * entry that forgets the part, so a crash between the two replays the step instead of losing the
 * part. `sendBounded` keeps the order.
 */
export class Outbox {
  private readonly groups: Array<{ topic: string; messages: Message[] }> = [];

  push(topic: string, message: Message): void {
    const last = this.groups[this.groups.length - 1];
    if (last?.topic === topic) last.messages.push(message);
    else this.groups.push({ topic, messages: [message] });
  }

  /** The messages in order, grouped by consecutive topic (what sendBounded takes). */
  topicMessages(): ReadonlyArray<{ topic: string; messages: Message[] }> {
    return this.groups;
  }
}
