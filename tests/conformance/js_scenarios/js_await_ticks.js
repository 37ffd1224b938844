// Tick counting: await takes one microtask; returning a promise from an async function takes two more.
async function stepper(name, steps) {
  for (let i = 1; i <= steps; i++) {
    await null;
    console.log(`${name} step ${i}`);
  }
}

async function returnsValue() { return "value"; }
async function returnsPromise() { return Promise.resolve("promise"); }

stepper("A", 4);
stepper("B", 4);
returnsValue().then(v => console.log(`returned ${v}`));
returnsPromise().then(v => console.log(`returned ${v}`));
Promise.resolve()
  .then(() => console.log("chain 1"))
  .then(() => console.log("chain 2"))
  .then(() => console.log("chain 3"));
(async () => {
  await Promise.resolve();
  console.log("await of a resolved promise");
  await (async () => 1)();
  console.log("await of an async function's value");
})();
