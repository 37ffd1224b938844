// A throw inside a timer callback is an uncaught exception: Node exits before later timers.
setTimeout(() => console.log("first timer"), 10);
setTimeout(() => {
  Promise.resolve().then(() => console.log("never: the process exits first"));
  throw new TypeError("cannot read properties of undefined");
}, 20);
setTimeout(() => console.log("never printed"), 30);
