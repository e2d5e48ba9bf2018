/** Command codes this driver and its simulator speak (protocol v1.17). */
export const Cmd = {
  shortStatus: 0x10,
  xReport: 0x40,
  zReport: 0x41,
  cashIn: 0x50,
  cashOut: 0x51,
  cancelReceipt: 0x88,
  continuePrint: 0xb0,
  deviceType: 0xfc,
  fnStatus: 0xff01,
  fnNumber: 0xff02,
  findDocument: 0xff0a,
  openShiftFn: 0xff0b,
  sendTlv: 0xff0c,
  ofdExchangeStatus: 0xff39,
  shiftParams: 0xff40,
  beginOpenShift: 0xff41,
  beginCloseShift: 0xff42,
  closeShiftFn: 0xff43,
  closeReceiptV2: 0xff45,
  operationV2: 0xff46,
  checkMarking: 0xff61,
  bindMarking: 0xff67,
  acceptMarking: 0xff69,
} as const;

export type CommandCode = (typeof Cmd)[keyof typeof Cmd];
