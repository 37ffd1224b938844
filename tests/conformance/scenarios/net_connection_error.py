import asyncio
import aiohttp

aiohttp.loopscope_network = {
    "https://down.example/": {"latency": 0.2, "error": "connection"},
}

async def main():
    session = aiohttp.ClientSession()
    try:
        r = await session.get("https://down.example/")
        print(f"status {r.status}")
    except aiohttp.ClientError as e:
        print(f"{type(e).__name__}: {e}")
    r = await session.get("https://up.example/")
    print(f"{r.status} {await r.text()}")

asyncio.run(main())
