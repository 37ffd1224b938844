async function fetchData() {
  // Simulating an API call
  await new Promise(resolve => setTimeout(resolve, 1000));
  return "Data from JavaScript";
}

async function main() {
  const result = await fetchData();
  console.log(result);
}

main();
