import {
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Logger,
  NotFoundException,
  Optional,
  Param,
  Post,
  Query,
  UseGuards,
} from "@nestjs/common";
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from "@nestjs/swagger";
import { OperatorGuard } from "../api/OperatorGuard.js";
import { Clock, SystemClock } from "../clock/Clock.js";
import { MessageRepository } from "../store/MessageRepository.js";
import { MESSAGE_STATUSES } from "../store/StoreSchema.js";
import { TransactionRepository } from "../store/TransactionRepository.js";
import { MessageDetail, MessageList, MessageView } from "./MessageView.js";
import { guidSchema, type ListMessagesQuery, listMessagesQuerySchema } from "./messagesQuerySchema.js";
import { toMessageView, toTransactionView } from "./toMessageView.js";

/**
 * The message endpoints: `GET /messages?status=&srcEid=&dstEid=&limit=` (public), `GET
 * /messages/:guid` (public, with its transactions), `POST /messages/:guid/retry` (operator: bearer
 * token) which puts a failed or dead message back in the queue.
 */
@ApiTags("messages")
@Controller("messages")
export class MessagesController {
  readonly #logger = new Logger(MessagesController.name);
  readonly #clock: Clock;

  constructor(
    private readonly messages: MessageRepository,
    private readonly transactions: TransactionRepository,
    @Optional() clock?: Clock,
  ) {
    this.#clock = clock ?? new SystemClock();
  }

  @Get()
  @ApiOperation({ summary: "LayerZero messages, oldest first, optionally of one status or pathway end" })
  @ApiQuery({ name: "status", required: false, enum: MESSAGE_STATUSES })
  @ApiQuery({ name: "srcEid", required: false, type: Number })
  @ApiQuery({ name: "dstEid", required: false, type: Number })
  @ApiQuery({ name: "limit", required: false, type: Number, description: "1 to 1000, default 100" })
  @ApiOkResponse({ type: MessageList })
  @ApiResponse({ status: 400, description: "A bad query parameter, named in the message" })
  async list(@Query({ schema: listMessagesQuerySchema }) query: ListMessagesQuery): Promise<MessageList> {
    const rows = await this.messages.list(
      { status: query.status, srcEid: query.srcEid, dstEid: query.dstEid },
      query.limit,
    );
    return { messages: rows.map(toMessageView) };
  }

  @Get(":guid")
  @ApiOperation({ summary: "One message and the transactions the relayer recorded for it" })
  @ApiParam({ name: "guid", description: "LayerZero guid (0x + 64 hex digits)" })
  @ApiOkResponse({ type: MessageDetail })
  @ApiResponse({ status: 404, description: "No such message" })
  async get(@Param("guid", { schema: guidSchema }) guid: string): Promise<MessageDetail> {
    const message = await this.messages.get(guid);
    if (message === undefined) throw new NotFoundException(`no message ${guid.toLowerCase()}`);
    const transactions = await this.transactions.forMessage(guid);
    return { ...toMessageView(message), transactions: transactions.map(toTransactionView) };
  }

  @Post(":guid/retry")
  @HttpCode(200)
  @UseGuards(OperatorGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Operator: put a failed or dead message back in the queue (attempts reset, due at once)",
  })
  @ApiParam({ name: "guid", description: "LayerZero guid (0x + 64 hex digits)" })
  @ApiOkResponse({ type: MessageView })
  @ApiResponse({ status: 401, description: "Missing or wrong bearer token" })
  @ApiResponse({ status: 403, description: "No operator token is configured" })
  @ApiResponse({ status: 404, description: "No such message" })
  @ApiResponse({ status: 409, description: "The message is not failed or dead" })
  async retry(@Param("guid", { schema: guidSchema }) guid: string): Promise<MessageView> {
    const requeued = await this.messages.requeue(guid, new Date(this.#clock.now()));
    if (requeued === undefined) {
      const message = await this.messages.get(guid);
      if (message === undefined) throw new NotFoundException(`no message ${guid.toLowerCase()}`);
      throw new ConflictException(
        `message ${message.guid} is ${message.status}: only failed or dead messages can be retried`,
      );
    }
    this.#logger.log(`operator retry of ${requeued.guid}: back to ${requeued.status}`);
    return toMessageView(requeued);
  }
}
