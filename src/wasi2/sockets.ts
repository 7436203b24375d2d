/**
 * `wasi:sockets`, present so that components importing it link, and refusing: no socket can be
 * created and no name resolved (`access-denied`, the code upstream gives when its context denies
 * a use of the network). The resource classes exist for the glue but are never instantiated.
 */
import { ResultError, type SocketErrorCode } from './errors.js';

export class Network {}
export class TcpSocket {}
export class UdpSocket {}
export class IncomingDatagramStream {}
export class OutgoingDatagramStream {}
export class ResolveAddressStream {}

function refuse(): never {
  throw new ResultError<SocketErrorCode>('access-denied');
}

export interface SocketInterfaces {
  network: object;
  instanceNetwork: object;
  tcp: object;
  tcpCreateSocket: object;
  udp: object;
  udpCreateSocket: object;
  ipNameLookup: object;
}

export function createSockets(): SocketInterfaces {
  return {
    network: { Network, networkErrorCode: (): SocketErrorCode | undefined => undefined },
    instanceNetwork: { instanceNetwork: () => new Network() },
    tcp: { TcpSocket },
    tcpCreateSocket: { createTcpSocket: refuse },
    udp: { UdpSocket, IncomingDatagramStream, OutgoingDatagramStream },
    udpCreateSocket: { createUdpSocket: refuse },
    ipNameLookup: { ResolveAddressStream, resolveAddresses: refuse },
  };
}
