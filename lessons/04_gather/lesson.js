async function greet(name) {
  console.log(`Hello, ${name}!`);
  await new Promise(resolve => setTimeout(resolve, 1000));
  console.log(`Goodbye, ${name}!`);
}

async function main() {
  await Promise.all([
    greet("Alice"),
    greet("Bob"),
    greet("Charlie")
  ]);
}

main();
