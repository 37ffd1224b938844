import asyncio

async def fetch(sem, url):
    async with sem:
        print(f"fetching {url}")
        await asyncio.sleep(1)
        print(f"done {url}")
    return url

async def main():
    sem = asyncio.Semaphore(2)
    urls = [f"page{i}" for i in range(5)]
    results = await asyncio.gather(*(fetch(sem, url) for url in urls))
    print(results)

asyncio.run(main())
