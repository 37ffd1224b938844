// Seed 002's greet, in JavaScript: each call runs eagerly up to its first await.
async function greet(name) {
  console.log(`Hello, ${name}!`);
  await new Promise(resolve => setTimeout(resolve, 1000));
  console.log(`Goodbye, ${name}!`);
}

async function main() {
  const all = Promise.all([greet("Alice"), greet("Bob"), greet("Charlie")]);
  console.log("all three started");
  await all;
  console.log("done");
}

main();
