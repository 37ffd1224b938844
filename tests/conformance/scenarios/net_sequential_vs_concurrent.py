import asyncio
import time
import aiohttp

aiohttp.loopscope_network = {
    "https://a.example/": {"latency": 1, "body": "page a"},
    "https://b.example/": {"latency": 1, "body": "page b"},
    "https://c.example/": {"latency": 1, "body": "page c"},
}
urls = ["https://a.example/", "https://b.example/", "https://c.example/"]

async def fetch(session, url):
    async with session.get(url) as response:
        return await response.text()

async def main():
    async with aiohttp.ClientSession() as session:
        start = time.perf_counter()
        for url in urls:
            print(await fetch(session, url))
        print(f"sequential took {time.perf_counter() - start:.2f} seconds")

        start = time.perf_counter()
        tasks = [asyncio.create_task(fetch(session, url)) for url in urls]
        for t in tasks:
            print(await t)
        print(f"concurrent took {time.perf_counter() - start:.2f} seconds")

asyncio.run(main())
