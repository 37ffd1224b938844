import asyncio
import time
import aiohttp

aiohttp.loopscope_network = {  # loopscope's simulated internet: how long each server takes
    "https://cats.example/1": {"latency": 1, "body": "Tom"},
    "https://cats.example/2": {"latency": 1, "body": "Felix"},
    "https://slow.example/3": {"latency": 3, "body": "Garfield"},
    "https://broken.example/4": {"latency": 0.5, "status": 500},
}
URLS = list(aiohttp.loopscope_network)

async def get_data(session, url):
    try:
        async with session.get(url) as response:
            response.raise_for_status()
            return await response.text()
    except aiohttp.ClientResponseError as e:
        return f"error {e.status}"
    except asyncio.TimeoutError:
        return "timed out"

async def main():
    timeout = aiohttp.ClientTimeout(total=2)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        start = time.perf_counter()
        for url in URLS:
            print(url, await get_data(session, url))
        print(f"one after another: {time.perf_counter() - start:.1f} s")

asyncio.run(main())
