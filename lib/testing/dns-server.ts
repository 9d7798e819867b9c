// A real DNS server (dns2, UDP on 127.0.0.1) answering TXT queries from a table, for tests of what the
// app looks up in DNS (SPF, DKIM, DMARC). Names not in the table answer with no records (NOERROR, empty).
import dns2 from "dns2";

export async function startDnsServer(txt: Record<string, string[]>) {
  const { Packet } = dns2;
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      for (const text of txt[question.name.toLowerCase()] ?? []) {
        // RFC 1035 §3.3.14: a TXT record is strings of at most 255 octets each.
        const chunks = text.match(/.{1,255}/g) ?? [""];
        response.answers.push({ name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 60, data: chunks } as never);
      }
      send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  const address = `127.0.0.1:${(addresses as { udp: { port: number } }).udp.port}`;
  return { address, close: () => server.close() };
}
