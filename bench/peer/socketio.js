'use strict';
// The benchmark's Socket.IO reference for resync: the same REST commands, schema, commit setting and feed messages
// as the ws peer (server.js), but screens are Socket.IO clients, one room per location and view, and a screen that
// comes back resumes with Socket.IO's own connection state recovery instead of resume-by-seq:
//
// - every diff is a room broadcast, so Socket.IO gives it an offset and keeps it in the adapter's in-memory buffer
//   (for maxDisconnectionDuration);
// - a screen that drops without saying goodbye keeps a session (its rooms) on this server, for as long;
// - a screen that reconnects with its session id (pid) and the offset of the last broadcast it got has every later
//   broadcast of its rooms replayed before its CONNECT answer; if the session or the offset is unknown here
//   (expired, another server, a restart), it starts over and this server sends it a snapshot.
//
// Pings go out as volatile broadcasts (not kept for replay); snapshots go to the one socket (never replayed either).
// Loopback only; the screen's location and view are in the handshake's query (?location=...&view=...).

const http = require('http');
const { Server } = require('socket.io');
const { LocationFeed, handleHttp, serve, viewKey, viewOf } = require('./server');

// how long a dropped screen's session and the broadcasts it may miss are kept (Socket.IO's default is 2 minutes)
const MAX_DISCONNECTION_MS = Number(process.env.MAX_DISCONNECTION_MS || 120000);

const server = http.createServer(handleHttp);
const io = new Server(server, {
  transports: ['websocket'],
  serveClient: false,
  connectionStateRecovery: { maxDisconnectionDuration: MAX_DISCONNECTION_MS, skipMiddlewares: true },
});

/** The ws peer's feed, with a Socket.IO room in place of each view's set of sockets. */
class RoomFeed extends LocationFeed {
  deliver(group, message) {
    io.to(group.room).emit('m', message);
  }

  deliverPing(group, ping) {
    io.to(group.room).volatile.emit('m', ping);
  }

  // A room's broadcasts are what a recovery replays, so their from/to chain must have no hole, even while the room
  // is empty (all its screens away): the ws peer skips aligning an empty group, a room always gets the empty diff.
  hasMembers() {
    return true;
  }

  group(key, view) {
    const group = super.group(key, view);
    group.room = this.id + '/' + key;
    return group;
  }

  /** A screen with no session to recover: the view's snapshot, then the room's broadcasts from there on. */
  start(socket, view) {
    return this.serial(async () => {
      if (!socket.connected) return;
      if (!(await this.ready())) {
        socket.disconnect(true);
        return;
      }
      const group = this.group(viewKey(view), view);
      this.align(group);
      socket.emit('m', this.snapshot(view));
      socket.join(group.room);
    });
  }
}

const feeds = new Map();

io.on('connection', (socket) => {
  // recovered: Socket.IO has put the socket back in its rooms and sent it what it missed; nothing to do here
  if (socket.recovered) return;
  const q = socket.handshake.query;
  const view = viewOf(new URLSearchParams({ view: q.view || '', station: q.station || '' }));
  if (!/^[a-z0-9-]{1,40}$/.test(q.location || '') || !view) {
    socket.disconnect(true);
    return;
  }
  let feed = feeds.get(q.location);
  if (!feed) {
    feed = new RoomFeed(q.location);
    feeds.set(q.location, feed);
  }
  feed.start(socket, view);
});

serve(server, feeds, 'socket.io peer');
