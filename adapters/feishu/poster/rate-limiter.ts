export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
