import asyncio

async def fetch_data():
    # Simulating an API call
    await asyncio.sleep(1)
    return "Data from Python"

async def main():
    result = await fetch_data()
    print(result)

asyncio.run(main())
