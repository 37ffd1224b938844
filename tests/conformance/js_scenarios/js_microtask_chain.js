// A microtask that queues more microtasks still runs before the next timer.
setTimeout(() => console.log("timer"), 0);
let depth = 0;
function again() {
  depth++;
  if (depth < 5) queueMicrotask(again);
  else console.log(`microtasks ran ${depth} times before the timer`);
}
queueMicrotask(again);
async function countdown(n) {
  while (n > 0) {
    console.log(`countdown ${n}`);
    n--;
    await null;
  }
}
countdown(3);
