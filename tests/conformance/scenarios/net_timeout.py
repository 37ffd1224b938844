import asyncio
import aiohttp

aiohttp.loopscope_network = {
    "https://slow.example/": {"latency": 5},
    "https://quick.example/": {"latency": 0.5, "body": "quick"},
}

async def fetch(session, url):
    async with session.get(url) as response:
        return await response.text()

async def main():
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as session:
        try:
            print(await fetch(session, "https://slow.example/"))
        except asyncio.TimeoutError:
            print("slow.example timed out")
        print(await fetch(session, "https://quick.example/"))

asyncio.run(main())
