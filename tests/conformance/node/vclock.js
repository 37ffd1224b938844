#!/usr/bin/env node
// Run a JavaScript scenario under real Node.js on a virtual clock.
//
// Every line the script logs comes out as "<virtual seconds, 6 decimals>\t<line>", exactly like
// tests/conformance/vclock.py does for Python, e.g. "1.000000\tWorld".
//
// Only the clock is virtual. setTimeout / setInterval / clearTimeout / clearInterval are replaced by
// a virtual timer queue with Node's rules: a delay that is not in [1, 2^31 - 1] ms becomes 1 ms,
// libuv counts whole milliseconds (a fractional delay fires at the next whole one), timers due at
// the same time run in insertion order, and an interval re-arms right after its callback. The
// queue is driven one timer per setImmediate callback, so V8's microtask checkpoint (and Node's
// unhandled-rejection processing) runs after every timer callback, as it does for real timers.
// Promises, await and queueMicrotask are V8's own: nothing about them is simulated.
//
// Last line, when the run does not end normally (exit status 1):
//   "!raised\t<Name>: <message>"   an uncaught exception or an unhandled rejection
//
// Usage: vclock.js SCRIPT.js
'use strict';

const path = require('path');
const util = require('util');
const fs = require('fs');

const TIMEOUT_MAX = 2 ** 31 - 1;
const realSetImmediate = setImmediate;

let now = 0;  // virtual milliseconds
let seq = 0;
const timers = [];  // kept sorted by (when, seq)

function write(text) {
  fs.writeSync(1, text);  // synchronous, so nothing is lost when the process exits
}

function clampDelay(ms) {
  ms = Number(ms);
  if (!(ms >= 1 && ms <= TIMEOUT_MAX)) ms = 1;
  return Math.ceil(ms);
}

class VirtualTimeout {
  constructor(fn, args, delay, repeat) {
    this._fn = fn;
    this._args = args;
    this._delay = delay;
    this._repeat = repeat;
    this._armed = false;
  }
  ref() { return this; }
  unref() { return this; }
  hasRef() { return true; }
  refresh() { unarm(this); arm(this, now + this._delay); return this; }
}

function arm(t, when) {
  t._when = when;
  t._seq = seq++;
  t._armed = true;
  let i = timers.length;
  while (i > 0 && (timers[i - 1]._when > when)) i--;  // equal deadlines stay in insertion order
  timers.splice(i, 0, t);
}

function unarm(t) {
  if (!t._armed) return;
  t._armed = false;
  const i = timers.indexOf(t);
  if (i >= 0) timers.splice(i, 1);
}

function setTimeoutV(fn, ms, ...args) {
  if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function');
  const t = new VirtualTimeout(fn, args, clampDelay(ms), false);
  arm(t, now + t._delay);
  return t;
}

function setIntervalV(fn, ms, ...args) {
  if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function');
  const t = new VirtualTimeout(fn, args, clampDelay(ms), true);
  arm(t, now + t._delay);
  return t;
}

function clearTimer(t) {
  if (t instanceof VirtualTimeout) {
    t._repeat = false;
    unarm(t);
  }
}

// One timer per macrotask: when this callback returns, Node drains the microtask queue and
// processes unhandled rejections before the next setImmediate callback runs.
function pump() {
  if (timers.length === 0) return;  // nothing can happen any more: let Node exit
  const t = timers.shift();
  t._armed = false;
  now = t._when;
  try {
    t._fn(...t._args);
  } finally {
    if (t._repeat) arm(t, now + t._delay);
    realSetImmediate(pump);
  }
}

function describe(e) {
  if (e instanceof Error || (e && typeof e === 'object' && 'message' in e && 'name' in e)) return `${e.name}: ${e.message}`;
  return `Uncaught ${util.inspect(e)}`;
}

function fail(e) {
  write(`!raised\t${describe(e)}\n`);
  if (e && e.stack) fs.writeSync(2, `${e.stack}\n`);
  process.exit(1);
}

function install() {
  globalThis.setTimeout = setTimeoutV;
  globalThis.setInterval = setIntervalV;
  globalThis.clearTimeout = clearTimer;
  globalThis.clearInterval = clearTimer;
  console.log = (...args) => {
    const stamp = (now / 1000).toFixed(6);
    for (const line of util.format(...args).split('\n')) write(`${stamp}\t${line}\n`);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}

function main(argv) {
  if (argv.length < 3) {
    fs.writeSync(2, 'usage: vclock.js SCRIPT.js\n');
    process.exit(2);
  }
  install();
  const script = path.resolve(argv[2]);
  process.argv = [argv[0], script, ...argv.slice(3)];
  try {
    require(script);
  } catch (e) {
    fail(e);
  }
  realSetImmediate(pump);
}

main(process.argv);
