async def fetch_all(urls):
    return [url for url in urls]


def helper(value: int) -> int:
    return value * 2
