import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** params of `task.status`. */
export class TaskStatusParamsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  taskId!: string;
}
