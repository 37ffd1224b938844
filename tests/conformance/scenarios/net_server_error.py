import asyncio
import aiohttp

aiohttp.loopscope_network = {
    "https://api.example/broken": {"latency": 0.5, "status": 500},
    "https://api.example/ok": {"latency": 0.25, "body": '{"ok": true}'},
}

async def main():
    async with aiohttp.ClientSession() as session:
        for url in ["https://api.example/broken", "https://api.example/ok"]:
            try:
                async with session.get(url) as response:
                    print(f"status {response.status}")
                    response.raise_for_status()
                    print(await response.text())
            except aiohttp.ClientResponseError as e:
                print(f"HTTP error {e.status}: {e}")

asyncio.run(main())
