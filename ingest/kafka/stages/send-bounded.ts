import { CompressionTypes, type Message, type Producer } from 'kafkajs';

/**
 * Uncompressed bytes per produce request. A broker refuses a record batch above its
 * `message.max.bytes` (1 MiB by default), and one request puts a partition's messages in one
 * batch: a chunk of 500 records' mentions or changelog entries can be several MiB.
 */
const MAX_REQUEST_BYTES = 512 * 1024;

const sizeOf = (m: Message): number =>
  (m.value === null || m.value === undefined ? 0 : Buffer.byteLength(m.value)) +
  (m.key === null || m.key === undefined ? 0 : Buffer.byteLength(m.key));

/**
 * Produces the messages of several topics with acks from all in-sync replicas, gzip, in requests
 * of at most {@link MAX_REQUEST_BYTES} (in order: a later request is sent once the earlier one is
 * acknowledged, so per-partition order holds).
 */
export async function sendBounded(
  producer: Producer,
  topicMessages: ReadonlyArray<{ topic: string; messages: Message[] }>,
): Promise<void> {
  let request: Array<{ topic: string; messages: Message[] }> = [];
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (request.length === 0) return;
    await producer.sendBatch({ topicMessages: request, acks: -1, compression: CompressionTypes.GZIP });
    request = [];
    bytes = 0;
  };
  for (const { topic, messages } of topicMessages)
    for (const message of messages) {
      const size = sizeOf(message);
      if (bytes > 0 && bytes + size > MAX_REQUEST_BYTES) await flush();
      const last = request[request.length - 1];
      if (last?.topic === topic) last.messages.push(message);
      else request.push({ topic, messages: [message] });
      bytes += size;
    }
  await flush();
}
