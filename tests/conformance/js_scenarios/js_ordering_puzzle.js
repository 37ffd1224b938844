// The classic: synchronous code, then microtasks, then timers.
console.log('1');
setTimeout(() => console.log('timeout'), 0);
Promise.resolve().then(() => console.log('micro'));
queueMicrotask(() => console.log('queueMicrotask'));
console.log('2');
